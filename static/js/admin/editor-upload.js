/*
 * The editor's image upload carries the form's CSRF token.
 *
 * CKEditor's Image dialog sends the chosen file to /ckeditor/upload/ by
 * XMLHttpRequest, without the token Django requires of every POST; the
 * portal's upload view (events/editor_uploads.py) is not exempt from that check,
 * so the token travels as the X-CSRFToken header, read from the article form.
 */
(function () {
  'use strict';

  function token() {
    var field = document.querySelector('input[name=csrfmiddlewaretoken]');
    if (field && field.value) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function watch(editor) {
    editor.on('fileUploadRequest', function (event) {
      var value = token();
      if (value) {
        event.data.fileLoader.xhr.setRequestHeader('X-CSRFToken', value);
      }
    });
  }

  function start() {
    if (!window.CKEDITOR) {
      return;
    }
    Object.keys(window.CKEDITOR.instances).forEach(function (name) {
      watch(window.CKEDITOR.instances[name]);
    });
    window.CKEDITOR.on('instanceCreated', function (event) {
      watch(event.editor);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
