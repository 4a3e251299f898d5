"""CPPCC members (政协委员) as public records and their 履职档案."""
