/* "Bài viết này đang được Nguyễn Văn An sửa (từ 21:03)": who else has this change
 * form open.
 *
 * Every few seconds (data-interval) the form says "still here" to the server
 * (data-url), which answers with one sentence per other editor; closing or leaving
 * the page says "leaving". A failed request changes nothing: the notice is a
 * courtesy, the server refuses stale saves on its own (core/admin_concurrency.py).
 */
'use strict';
(function () {
  var box = document.getElementById('ngt-presence');
  var form = box && box.closest('form');
  var token = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
  if (!token || !window.fetch || !window.FormData) {
    return;
  }
  var list = box.querySelector('ul');
  var seconds = Number(box.dataset.interval) || 30;

  function show(notices) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    notices.forEach(function (notice) {
      var item = document.createElement('li');
      item.className = 'warning';
      item.textContent = notice;
      list.appendChild(item);
    });
    list.hidden = notices.length === 0;
  }

  function body(leaving) {
    var data = new FormData();
    data.append('csrfmiddlewaretoken', token.value);
    if (leaving) {
      data.append('leaving', '1');
    }
    return data;
  }

  function beat() {
    window.fetch(box.dataset.url, {
      method: 'POST',
      body: body(false),
      credentials: 'same-origin',
      headers: {'X-CSRFToken': token.value}
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && Array.isArray(answer.notices)) {
        show(answer.notices);
      }
    }).catch(function () {
      // Offline for a moment: the next beat tries again.
    });
  }

  window.setInterval(beat, seconds * 1000);
  window.addEventListener('pagehide', function () {
    if (navigator.sendBeacon) {
      navigator.sendBeacon(box.dataset.url, body(true));
    }
  });
}());
