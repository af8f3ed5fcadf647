/* Prefill an attendee's "position at the time" when a person is chosen.
 *
 * The server answers with the titles the person held on the meeting's date; a
 * position already typed is never overwritten. Without JavaScript the server
 * fills the same text when the row is saved with the field left empty.
 */
'use strict';
(function () {
  function adminRoot() {
    var path = window.location.pathname;
    var at = path.indexOf('/events/meeting/');
    return at >= 0 ? path.slice(0, at + 1) : null;
  }

  function fill(select) {
    var row = select.closest('tr');
    var root = adminRoot();
    if (!row || !root || !select.value) {
      return;
    }
    var input = row.querySelector('input[name$="-position_at_time"]');
    if (!input || input.value.trim() !== '') {
      return;
    }
    var day = document.getElementById('id_starts_at_0');
    var url = root + 'people/person/' + encodeURIComponent(select.value) + '/chuc-vu/';
    if (day && day.value) {
      url += '?ngay=' + encodeURIComponent(day.value);
    }
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.position && input.value.trim() === '') {
          input.value = data.position;
        }
      })
      .catch(function () { /* the server fills it on save */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.django || !window.django.jQuery) {
      return;
    }
    // Select2 (the admin's autocomplete) fires jQuery events, not DOM ones.
    window.django.jQuery(document).on('select2:select', 'select[name^="attendees-"][name$="-person"]', function () {
      fill(this);
    });
  });
}());
