/* The admin's day-first date-time box (core/admin_widgets.py): a "Now" link and a
   calendar beside each input.vDayFirstDateTime.

   The calendar is Django admin's own (admin/js/calendar.js: month and day names
   from the admin's catalogue, Monday first from the formats); picking a day writes
   dd/mm/yyyy and keeps the hour already typed, or 08:00. "Now" is the server's
   time (Asia/Ho_Chi_Minh), as Django's own shortcuts compute it. Nothing here
   depends on the browser's language. */
(function () {
  'use strict';

  var DAY_FIRST = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*(.*)$/;
  var boxes = 0;

  function pad(number) {
    return (number < 10 ? '0' : '') + number;
  }

  function dayFirst(date) {
    return pad(date.getDate()) + '/' + pad(date.getMonth() + 1) + '/' + date.getFullYear();
  }

  function serverNow() {
    var now = new Date();
    var serverOffset = Number(document.body.dataset.adminUtcOffset || 0);
    var localOffset = now.getTimezoneOffset() * -60;
    return new Date(now.getTime() + 1000 * (serverOffset - localOffset));
  }

  function link(parent, text, className) {
    var anchor = document.createElement('a');
    anchor.href = '#';
    if (className) {
      anchor.className = className;
    }
    anchor.textContent = text;
    parent.appendChild(anchor);
    return anchor;
  }

  function attach(input) {
    var number = boxes++;
    var shortcuts = document.createElement('span');
    shortcuts.className = 'datetimeshortcuts';
    input.parentNode.insertBefore(shortcuts, input.nextSibling);
    shortcuts.appendChild(document.createTextNode('\u00A0'));
    var now = link(shortcuts, window.gettext('Now'), 'ngt-now');
    shortcuts.appendChild(document.createTextNode('\u00A0|\u00A0'));
    var open = link(shortcuts, '', 'ngt-calendar-link');
    var icon = document.createElement('span');
    icon.className = 'date-icon';
    icon.title = window.gettext('Choose a Date');
    open.appendChild(icon);

    var box = document.createElement('div');
    box.className = 'calendarbox module';
    box.id = 'ngt-calendarbox' + number;
    box.style.position = 'absolute';
    box.style.display = 'none';
    document.body.appendChild(box);
    var nav = document.createElement('div');
    box.appendChild(nav);
    var previous = link(nav, '<', 'calendarnav-previous');
    var next = link(nav, '>', 'calendarnav-next');
    var month = document.createElement('div');
    month.className = 'calendar';
    month.id = 'ngt-calendarin' + number;
    box.appendChild(month);
    var cancelBar = document.createElement('p');
    cancelBar.className = 'calendar-cancel';
    box.appendChild(cancelBar);
    var cancel = link(cancelBar, window.gettext('Cancel'));

    function close() {
      box.style.display = 'none';
      document.removeEventListener('click', close);
    }

    var calendar = new window.Calendar(month.id, function (year, monthNumber, day) {
      var typed = DAY_FIRST.exec(input.value);
      var time = typed && typed[4] ? typed[4] : '08:00';
      input.value = dayFirst(new Date(year, monthNumber - 1, Number(day))) + ' ' + time;
      close();
      input.focus();
    });

    function show(event) {
      event.preventDefault();
      event.stopPropagation();
      var typed = DAY_FIRST.exec(input.value);
      if (typed) {
        // calendar.js reads the selected day in UTC, as Django's own shortcuts give it.
        var selected = new Date(Date.UTC(Number(typed[3]), Number(typed[2]) - 1,
          Number(typed[1])));
        calendar.drawDate(selected.getUTCMonth() + 1, selected.getUTCFullYear(), selected);
      } else {
        calendar.drawCurrent();
      }
      var place = open.getBoundingClientRect();
      var left = Math.min(place.left, document.documentElement.clientWidth - 220);
      box.style.left = Math.max(0, left) + window.scrollX + 'px';
      box.style.top = place.bottom + window.scrollY + 4 + 'px';
      box.style.display = 'block';
      document.addEventListener('click', close);
    }

    open.addEventListener('click', show);
    box.addEventListener('click', function (event) {
      event.stopPropagation();
    });
    previous.addEventListener('click', function (event) {
      event.preventDefault();
      calendar.drawPreviousMonth();
    });
    next.addEventListener('click', function (event) {
      event.preventDefault();
      calendar.drawNextMonth();
    });
    cancel.addEventListener('click', function (event) {
      event.preventDefault();
      close();
    });
    document.addEventListener('keyup', function (event) {
      if (event.key === 'Escape') {
        close();
      }
    });
    now.addEventListener('click', function (event) {
      event.preventDefault();
      var moment = serverNow();
      input.value = dayFirst(moment) + ' ' + pad(moment.getHours()) + ':' +
        pad(moment.getMinutes());
    });
  }

  function start() {
    if (!window.Calendar || !window.gettext) {
      return;
    }
    document.querySelectorAll('input.vDayFirstDateTime').forEach(attach);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
