/* Keep what an editor types in an article's or a meeting's form until it is saved.
 *
 * An editor whose session expired while writing presses Save and lands on the login
 * page: the form they sent is lost on the server. This script keeps the form's
 * fields (CKEditor's body included) in the browser's localStorage, keyed by the
 * form's address, as they type and when they send it. When the form opens again and
 * the kept copy is newer than the saved object and differs from what the form
 * shows, a banner offers to restore it or drop it. A page showing Django's success
 * message after a save clears the copy that save sent.
 *
 * Loaded by the ModelAdmin's Media, so it runs on the change list too (where "Save"
 * lands). The texts and the object's last save come from #ngt-draft-keeper
 * (templates/admin/ngt_draft_keeper.html), with {name} placeholders.
 */
'use strict';
(function () {
  var PREFIX = 'ngt-draft:';
  var PENDING = 'ngt-draft-pending';
  var MAX_AGE = 7 * 24 * 60 * 60 * 1000;
  var DELAY = 400;
  var SKIPPED_TYPES = ['hidden', 'file', 'password', 'submit', 'button', 'reset', 'image'];

  function storage(kind) {
    try {
      var store = window[kind];
      store.getItem(PREFIX);
      return store;
    } catch (error) {
      return null; // Private mode or storage switched off: nothing to keep.
    }
  }

  var local = storage('localStorage');
  var session = storage('sessionStorage');

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function read(key) {
    try {
      return JSON.parse(local.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function forget(key) {
    local.removeItem(key);
    if (session && session.getItem(PENDING) === key) {
      session.removeItem(PENDING);
    }
  }

  /* After a save: Django's success message means the form sent last was saved. */
  function clearSaved() {
    if (!session || !document.querySelector('.messagelist .success')) {
      return;
    }
    var key = session.getItem(PENDING);
    if (key) {
      forget(key);
    }
  }

  function kept(field) {
    if (!field.name || field.disabled || field.name === 'csrfmiddlewaretoken') {
      return false;
    }
    if (/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(field.name)) {
      return false;
    }
    if (field.tagName === 'INPUT' && SKIPPED_TYPES.indexOf(field.type) !== -1) {
      return false;
    }
    return field.tagName !== 'SELECT' || !field.multiple;
  }

  function editors() {
    return window.CKEDITOR ? window.CKEDITOR.instances : {};
  }

  function editorFor(field) {
    var instances = editors();
    return field.id && instances[field.id] ? instances[field.id] : null;
  }

  function valueOf(field) {
    var editor = editorFor(field);
    if (editor) {
      return editor.getData();
    }
    if (field.type === 'checkbox' || field.type === 'radio') {
      return field.checked;
    }
    return field.value;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, kept);
  }

  function collect(form) {
    var values = {};
    fieldsOf(form).forEach(function (field) {
      if (field.type === 'radio') {
        if (field.checked) {
          values[field.name] = field.value;
        }
        return;
      }
      values[field.name] = valueOf(field);
    });
    return values;
  }

  function differs(form, values) {
    var current = collect(form);
    return Object.keys(values).some(function (name) {
      return name in current && current[name] !== values[name];
    });
  }

  function restore(form, values) {
    fieldsOf(form).forEach(function (field) {
      if (!(field.name in values)) {
        return;
      }
      var value = values[field.name];
      var editor = editorFor(field);
      if (editor) {
        editor.setData(value);
        field.value = value;
        return;
      }
      if (field.type === 'checkbox') {
        field.checked = Boolean(value);
      } else if (field.type === 'radio') {
        field.checked = field.value === value;
      } else {
        field.value = value;
      }
      field.dispatchEvent(new Event('input', {bubbles: true}));
      field.dispatchEvent(new Event('change', {bubbles: true}));
    });
  }

  function button(text, className) {
    var node = document.createElement('button');
    node.type = 'button';
    node.className = 'button ' + className;
    node.textContent = text;
    return node;
  }

  function offer(form, config, key, draft) {
    var list = document.createElement('ul');
    list.className = 'messagelist ngt-draft-banner';
    var item = document.createElement('li');
    item.className = 'warning';
    item.setAttribute('role', 'status');
    var when = new Date(draft.time);
    var text = document.createElement('p');
    text.textContent = format(config.dataset.textFound, {
      time: when.toLocaleTimeString('vi-VN', {hour: '2-digit', minute: '2-digit'}),
      date: when.toLocaleDateString('vi-VN', {day: '2-digit', month: '2-digit', year: 'numeric'})
    });
    var restoreButton = button(config.dataset.textRestore, 'ngt-draft-restore');
    var discardButton = button(config.dataset.textDiscard, 'ngt-draft-discard');
    restoreButton.addEventListener('click', function () {
      restore(form, draft.values);
      text.textContent = config.dataset.textRestored;
      restoreButton.remove();
      discardButton.remove();
      var first = fieldsOf(form)[0];
      if (first) {
        first.focus();
      }
    });
    discardButton.addEventListener('click', function () {
      forget(key);
      list.remove();
    });
    item.append(text, ' ', restoreButton, ' ', discardButton);
    list.append(item);
    form.parentNode.insertBefore(list, form);
  }

  function keep(form, config) {
    // One person's drafts are never offered to another at the same computer.
    var key = PREFIX + (config.dataset.user || '') + ':' + window.location.pathname;
    var savedAt = Number(config.dataset.savedAt || 0);
    var draft = read(key);
    var timer = null;

    function save(pending) {
      window.clearTimeout(timer);
      var previous = read(key);
      var entry = {
        time: Date.now(),
        // The object's save the typing started from: unchanged since means newer.
        base: previous && previous.base !== undefined ? previous.base : savedAt,
        values: collect(form)
      };
      try {
        local.setItem(key, JSON.stringify(entry));
      } catch (error) {
        return; // Storage full: the form itself still works.
      }
      if (pending && session) {
        session.setItem(PENDING, key);
      }
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY);
    }

    if (draft && draft.values) {
      var newer = draft.base >= savedAt || draft.time > savedAt * 1000;
      // A save refused because someone else saved first shows the form as sent,
      // merged with their version (core/admin_concurrency.py): offering the
      // copy sent would undo that merge.
      var refused = document.querySelector('.ngt-conflict');
      if (newer && !refused && differs(form, draft.values)) {
        offer(form, config, key, draft);
      } else if (!newer) {
        forget(key);
      }
    }

    form.addEventListener('input', later);
    form.addEventListener('change', later);
    form.addEventListener('submit', function () {
      save(true);
    });
    function watch(editor) {
      editor.on('change', later);
      editor.on('key', later);
    }
    if (window.CKEDITOR) {
      Object.keys(editors()).forEach(function (id) {
        watch(editors()[id]);
      });
      window.CKEDITOR.on('instanceReady', function (event) {
        watch(event.editor);
      });
    }
  }

  /* Drafts older than a week, and every draft on the logged-out page, go. */
  function sweep(all) {
    var oldest = Date.now() - MAX_AGE;
    for (var index = local.length - 1; index >= 0; index--) {
      var name = local.key(index);
      if (name && name.indexOf(PREFIX) === 0) {
        var draft = read(name);
        if (all || !draft || !(draft.time > oldest)) {
          local.removeItem(name);
        }
      }
    }
  }

  function start() {
    if (!local) {
      return;
    }
    sweep(Boolean(document.getElementById('ngt-draft-forget')));
    clearSaved();
    var config = document.getElementById('ngt-draft-keeper');
    var form = config && document.getElementById(config.dataset.form);
    if (form) {
      // CKEditor replaces its textarea after the page loads: wait for it.
      if (window.CKEDITOR && form.querySelector('textarea[data-type="ckeditortype"]')) {
        var ready = function () {
          return form.querySelectorAll('textarea[data-type="ckeditortype"]').length <=
            Object.keys(editors()).length;
        };
        var tries = 0;
        var wait = function () {
          var instances = editors();
          var allReady = Object.keys(instances).every(function (id) {
            return instances[id].status === 'ready';
          });
          if ((ready() && allReady) || tries++ > 50) {
            keep(form, config);
          } else {
            window.setTimeout(wait, 100);
          }
        };
        wait();
      } else {
        keep(form, config);
      }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
