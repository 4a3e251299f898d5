"""The pieces every endpoint of the open-data API (/api/v1/) shares, one concern per module.

- `errors`: every error is JSON; Django's ValidationError a 400 with field errors, PermissionDenied a 404.
- `throttles`: rates read from settings at request time.
- `pagination`: page numbers with a documented page-size cap.
- `ordering`: one ordering field out of a documented list; anything else is a 400.
- `renderers`, `views`: `?format=csv` on lists; `conditional`: ETag and 304 on details.
- `schema`: the documented responses and the schema postprocessing hook.
- `fields`: serializer fields that refuse the wrong JSON type.

The filters live in `core.filtersets`: the public list pages use the same ones.
"""
