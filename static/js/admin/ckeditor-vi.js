/* The Vietnamese texts CKEditor 4's own vi.js leaves in English (paste notices,
   heading names, the editor's name read out by screen readers, upload progress),
   and "Ảnh" for the image button, as the admin calls photos.

   Applied to each editor when its language is loaded, before its toolbar and
   dialogs are built. Review when django-ckeditor is upgraded. */
(function () {
  'use strict';

  var PASTE_WITH_KEYS = 'Nhấn %1 để dán. Trình duyệt không cho dán bằng nút trên ' +
    'thanh công cụ hay trình đơn chuột phải.';

  var TEXTS = {
    application: 'Trình soạn thảo',
    editorPanel: 'Bảng điều khiển của trình soạn thảo',
    common: { image: 'Ảnh', url: 'Địa chỉ (URL)' },
    clipboard: {
      pasteNotification: PASTE_WITH_KEYS,
      pasteMsg: 'Dán nội dung vào ô bên dưới rồi bấm Đồng ý.',
      fileFormatNotSupportedNotification: 'Không nhận tệp định dạng ${formats}.',
      fileWithoutFormatNotSupportedNotification: 'Không nhận định dạng tệp này.'
    },
    pastetext: { pasteNotification: PASTE_WITH_KEYS },
    format: {
      tag_address: 'Địa chỉ',
      tag_h1: 'Tiêu đề 1',
      tag_h2: 'Tiêu đề 2',
      tag_h3: 'Tiêu đề 3',
      tag_h4: 'Tiêu đề 4',
      tag_h5: 'Tiêu đề 5',
      tag_h6: 'Tiêu đề 6'
    },
    link: {
      displayText: 'Chữ hiển thị',
      download: 'Buộc tải xuống',
      toUrl: 'Địa chỉ (URL)',
      toPhone: 'Điện thoại',
      phoneNumber: 'Số điện thoại',
      noTel: 'Hãy nhập số điện thoại',
      anchor: { errorWhitespace: 'Tên điểm neo không được có khoảng trắng' }
    },
    table: {
      heightUnit: 'đơn vị chiều cao',
      cell: { columnHeader: 'Tiêu đề cột', rowHeader: 'Tiêu đề hàng' }
    },
    notification: { closed: 'Đã đóng thông báo.' },
    toolbar: { toolbarGroups: { clipboard: 'Bộ nhớ tạm/Hoàn tác' } },
    widget: { label: 'Thành phần %1' },
    uploadwidget: {
      abort: 'Đã hủy tải lên.',
      doneOne: 'Đã tải tệp lên.',
      doneMany: 'Đã tải lên %1 tệp.',
      uploadOne: 'Đang tải tệp lên ({percentage}%)...',
      uploadMany: 'Đang tải tệp lên: xong {current}/{max} ({percentage}%)...'
    }
  };

  function merge(target, texts) {
    Object.keys(texts).forEach(function (key) {
      var value = texts[key];
      if (typeof value === 'object') {
        if (typeof target[key] !== 'object' || target[key] === null) {
          target[key] = {};
        }
        merge(target[key], value);
      } else {
        target[key] = value;
      }
    });
  }

  function start() {
    if (!window.CKEDITOR) {
      return;
    }
    // django-ckeditor creates the editors on DOMContentLoaded, before or after
    // this runs; their language file arrives later, before the toolbar is built.
    Object.keys(window.CKEDITOR.instances).forEach(function (name) {
      translate(window.CKEDITOR.instances[name]);
    });
    window.CKEDITOR.on('instanceCreated', function (event) {
      translate(event.editor);
    });
  }

  function translate(editor) {
    function apply() {
      if (editor.langCode === 'vi') {
        merge(editor.lang, TEXTS);
      }
    }
    if (editor.lang && editor.langCode) {
      apply();
    }
    editor.on('langLoaded', apply);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
