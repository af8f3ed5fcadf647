/* Pictures pasted into the article body that cannot be saved are taken out at once,
   and the editor is told how many to upload.

   Word puts its pictures on the clipboard as file:/// addresses on the writer's
   computer, VML <v:imagedata>, or data: and blob: addresses; the server keeps only
   images from the site's own media and static files (core/html.py), so these would
   vanish on saving without a word. Here, on CKEditor's paste event (after Paste
   from Word has done its work, before the content is inserted), each <img> whose
   address is not this site's media or static files is removed, and a notice in
   Vietnamese appears above the editor. The prefixes come from the element
   #ngt-paste (data-keep, space separated); texts from the admin's djangojs
   catalogue. */
(function () {
  'use strict';

  var NOTICE_CLASS = 'ngt-paste-notice';

  function keptPrefixes() {
    var config = document.getElementById('ngt-paste');
    var keep = config ? config.getAttribute('data-keep') || '' : '';
    return keep.split(/\s+/).filter(Boolean);
  }

  function keepable(src, prefixes) {
    var url;
    try {
      url = new URL(src, window.location.href);
    } catch (error) {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return false;
    }
    if (url.host !== window.location.host || !/^(\/(?!\/)|https?:)/i.test(src.trim())) {
      return false;
    }
    return prefixes.some(function (prefix) {
      return url.pathname.indexOf(prefix) === 0;
    });
  }

  /* The pasted HTML without its unkeepable pictures, and how many there were. */
  function withoutLostImages(html, prefixes) {
    var holder = document.createElement('template');
    holder.innerHTML = html;
    var lost = [];
    Array.prototype.forEach.call(holder.content.querySelectorAll('img'), function (img) {
      if (!keepable(img.getAttribute('src') || '', prefixes)) {
        lost.push(img);
      }
    });
    var vml = holder.content.querySelectorAll('*');
    Array.prototype.forEach.call(vml, function (element) {
      if (element.tagName.toLowerCase() === 'v:imagedata') {
        lost.push(element);
      }
    });
    lost.forEach(function (element) {
      var parent = element.parentNode;
      element.remove();
      // A paragraph that held only the picture goes with it.
      if (parent && parent.nodeName === 'P' && !parent.textContent.trim() &&
          !parent.children.length) {
        parent.remove();
      }
    });
    return { html: lost.length ? holder.innerHTML : html, lost: lost.length };
  }

  function message(count) {
    var text = window.ngettext
      ? window.ngettext(
        '%(count)s image could not be pasted — upload it.',
        '%(count)s images could not be pasted — upload them.',
        count
      )
      : '%(count)s';
    return window.interpolate
      ? window.interpolate(text, { count: count }, true)
      : text.replace('%(count)s', String(count));
  }

  /* One notice per editor, above it, replaced by each paste that loses images. */
  function showNotice(editor, count) {
    var container = editor.container.$;
    var list = container.parentNode.querySelector('.' + NOTICE_CLASS);
    if (!list) {
      list = document.createElement('ul');
      list.className = 'messagelist ' + NOTICE_CLASS;
      list.setAttribute('role', 'status');
      list.setAttribute('aria-live', 'polite');
      // The admin indents lists in aligned forms; this one sits flush with the editor.
      list.style.margin = '0 0 10px';
      list.style.padding = '0';
      container.parentNode.insertBefore(list, container);
    }
    var item = document.createElement('li');
    item.className = 'warning';
    item.textContent = message(count);
    list.replaceChildren(item);
  }

  function watch(editor) {
    var prefixes = keptPrefixes();
    // 999: after Paste from Word (lower priorities), before CKEditor inserts (1000).
    editor.on('paste', function (event) {
      var data = event.data;
      if (!data || data.type === 'text' || typeof data.dataValue !== 'string') {
        return;
      }
      var result = withoutLostImages(data.dataValue, prefixes);
      if (result.lost) {
        data.dataValue = result.html;
        showNotice(editor, result.lost);
      }
    }, null, null, 999);
  }

  function start() {
    if (!window.CKEDITOR) {
      return;
    }
    // django-ckeditor creates the editors on DOMContentLoaded, before or after
    // this runs: watch those that exist and those still to come.
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
