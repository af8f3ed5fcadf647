/* The media library as a chooser (events/library.py).
 *
 * Opened by an article's cover field (data-mode="bia"), a click on a photo hands
 * it to the form that opened the window (window.ngtPhotoChosen, photo_chooser.js).
 * Opened by CKEditor's image dialog (data-mode="editor"), it gives the dialog the
 * photo's address through CKEDITOR.tools.callFunction and fills the alternative
 * text with the caption. The server checked the function number; it is checked
 * again here before it is used.
 */
(function () {
  'use strict';

  var grid = document.querySelector('[data-library]');
  if (!grid || !grid.dataset.mode) {
    return;
  }
  var status = document.querySelector('[data-library-status]');

  function fillAlt(alt) {
    // CKEditor calls this with the dialog's "Browse server" button as `this`.
    return function () {
      var dialog = this.getDialog && this.getDialog();
      if (!dialog) {
        return;
      }
      var field = dialog.getContentElement('info', 'txtAlt') ||
        dialog.getContentElement('info', 'alt');
      if (field) {
        field.setValue(alt);
      }
    };
  }

  function handOver(button) {
    var opener = window.opener;
    if (!opener || opener.closed) {
      return false;
    }
    if (grid.dataset.mode === 'editor') {
      var funcNum = grid.dataset.funcNum;
      if (!/^\d{1,10}$/.test(funcNum) || !opener.CKEDITOR) {
        return false;
      }
      opener.CKEDITOR.tools.callFunction(Number(funcNum), button.dataset.url,
        fillAlt(button.dataset.alt));
      return true;
    }
    if (typeof opener.ngtPhotoChosen !== 'function') {
      return false;
    }
    return opener.ngtPhotoChosen(window, {
      id: button.dataset.photoId,
      thumb: button.dataset.thumb,
      alt: button.dataset.alt,
      caption: button.dataset.caption
    });
  }

  grid.addEventListener('click', function (event) {
    var button = event.target.closest('[data-choose]');
    if (!button) {
      return;
    }
    if (handOver(button)) {
      window.close();
    } else if (status) {
      status.textContent = grid.dataset.textNoOpener;
    }
  });
})();
