// The room dropdown of the session and issue filters follows the street (a dropdown, or a box
// for its name where there are too many streets to list): when the street changes, the rooms of
// that street are fetched from /rooms/options/ and replace the choices.
// Without JavaScript the page does the same on the next "筛选" (rooms/filters.py).
(function () {
  "use strict";
  document.querySelectorAll("form.filter-form").forEach(function (form) {
    // The street is a dropdown, or (a province) a box to type its name in.
    var street = form.querySelector('[data-room-picker="street"]');
    var room = form.querySelector('select[data-room-picker="room"]');
    if (!street || !room || !room.dataset.optionsUrl) {
      return;
    }
    var emptyLabel = room.options.length ? room.options[0].text : "";
    var initial = Array.prototype.map.call(room.options, function (option) {
      return { id: option.value, name: option.text };
    }).slice(1);
    var initialStreet = street.value;
    var fill = function (rooms) {
      var selected = room.value;
      room.options.length = 0;
      room.add(new Option(emptyLabel, ""));
      rooms.forEach(function (item) {
        room.add(new Option(item.name, String(item.id), false, String(item.id) === selected));
      });
    };
    street.addEventListener("change", function () {
      if (street.value === initialStreet) {
        fill(initial);
        return;
      }
      var url = room.dataset.optionsUrl + "?street=" + encodeURIComponent(street.value);
      room.disabled = true;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { rooms: [] }; })
        .then(function (data) { fill(data.rooms || []); })
        .catch(function () { fill([]); })
        .then(function () { room.disabled = false; });
    });
  });
})();
