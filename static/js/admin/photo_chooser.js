/* A photo field shown as its thumbnail (events.library.PhotoChooserWidget).
 *
 * "Chọn từ thư viện" opens the media library in a window named after the field;
 * the library calls window.ngtPhotoChosen(itself, photo) when a photo is clicked
 * (static/js/admin/photo_library.js), which sets the field and its preview.
 */
(function () {
  'use strict';

  function chooserFor(input) {
    return input && input.closest('[data-photo-chooser]');
  }

  function show(box, photo) {
    var input = box.querySelector('[data-photo-chooser-input]');
    var preview = box.querySelector('[data-photo-chooser-preview]');
    var image = box.querySelector('[data-photo-chooser-image]');
    input.value = photo ? String(photo.id) : '';
    if (photo) {
      image.src = photo.thumb;
      image.alt = photo.alt;
      box.querySelector('[data-photo-chooser-caption]').textContent = photo.caption || photo.alt;
    }
    preview.hidden = !photo;
    box.querySelector('[data-photo-chooser-empty]').hidden = !!photo;
    box.querySelector('[data-photo-chooser-clear]').hidden = !photo;
    input.dispatchEvent(new Event('change', {bubbles: true}));
  }

  document.addEventListener('click', function (event) {
    var open = event.target.closest('[data-photo-chooser-open]');
    if (open) {
      event.preventDefault();
      var chosen = window.open(open.href, open.dataset.target,
        'width=1100,height=760,resizable=yes,scrollbars=yes');
      if (chosen) {
        chosen.focus();
      }
      return;
    }
    var clear = event.target.closest('[data-photo-chooser-clear]');
    if (clear) {
      show(chooserFor(clear), null);
    }
  });

  // Called by the library window, whose name is the field's id.
  window.ngtPhotoChosen = function (win, photo) {
    var input = document.getElementById(win.name);
    var box = input && input.matches('[data-photo-chooser-input]') && chooserFor(input);
    if (!box || !/^\d+$/.test(String(photo.id))) {
      return false;
    }
    show(box, photo);
    return true;
  };
})();
