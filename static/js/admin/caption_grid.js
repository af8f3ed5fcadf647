/* The caption grid of a meeting's photos (events/caption_grid.py).
 *
 * Each card saves on its own: with its "Save" button, or when focus leaves a card
 * whose text changed, or when a person is picked. A save sends the version the card
 * was loaded with; if someone changed the photo since, the server answers 409 and the
 * typed text stays, with a button to save it over theirs. The order (drag a picture,
 * or the Up/Down buttons), the cover, deleting and replacing an image each save at
 * once. The texts are the page's, in data-text-* attributes, with {name} placeholders.
 */
'use strict';
(function () {
  var $ = window.django && window.django.jQuery;

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function Grid(root) {
    this.root = root;
    this.text = root.dataset;
    this.token = root.querySelector('[name="csrfmiddlewaretoken"]').value;
    this.list = root.querySelector('[data-caption-cards]');
    this.announcer = root.querySelector('[data-caption-announce]');
    this.cards = [];
    var self = this;
    this.list.querySelectorAll('[data-caption-card]').forEach(function (li) {
      self.cards.push(new Card(self, li));
    });
    this.dragging = null;
    this.bindDrag();
    this.batch = new Batch(this, root.querySelector('[data-caption-batch]'));
    window.addEventListener('beforeunload', function (event) {
      if (self.cards.some(function (card) { return card.dirty || card.busy; })) {
        event.preventDefault();
        event.returnValue = self.text.textLeave;
      }
    });
  }

  /* POST a FormData; resolves with {status, body}, body null if not JSON. */
  Grid.prototype.post = function (url, data) {
    data.append('csrfmiddlewaretoken', this.token);
    return fetch(url, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: {'X-CSRFToken': this.token, 'Accept': 'application/json'}
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var read = type.indexOf('application/json') === 0 ? response.json() : Promise.resolve(null);
      return read.then(function (body) {
        return {status: response.status, body: body, redirected: response.redirected};
      });
    });
  };

  Grid.prototype.reason = function (answer) {
    if (answer.body && answer.body.error) {
      return answer.body.error;
    }
    if (answer.status === 403 || answer.redirected) {
      return this.text.textSignedOut;
    }
    return this.text.textFailed;
  };

  Grid.prototype.announce = function (message) {
    // Replacing the text makes screen readers read it; the same text twice would not.
    var announcer = this.announcer;
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  };

  Grid.prototype.card = function (id) {
    return this.cards.find(function (card) { return card.id === String(id); });
  };

  Grid.prototype.ordered = function () {
    return Array.prototype.map.call(
      this.list.querySelectorAll('[data-caption-card]'),
      function (li) { return li.dataset.photoId; }
    );
  };

  Grid.prototype.renumber = function () {
    this.list.querySelectorAll('[data-caption-number]').forEach(function (node, index) {
      node.textContent = String(index + 1);
    });
  };

  /* Send the order shown on the page; on refusal put the cards back. */
  Grid.prototype.saveOrder = function (before, message) {
    var self = this;
    var data = new FormData();
    this.ordered().forEach(function (id) { data.append('photos', id); });
    this.renumber();
    return this.post(this.text.orderUrl, data).then(function (answer) {
      if (answer.status !== 200) {
        self.restoreOrder(before);
        self.announce(self.reason(answer));
        window.alert(self.reason(answer));
        return;
      }
      answer.body.photos.forEach(function (state) {
        var card = self.card(state.id);
        if (card) {
          card.li.dataset.version = state.version;
        }
      });
      self.announce(message || self.text.textOrderSaved);
    }, function () {
      self.restoreOrder(before);
      window.alert(self.text.textFailed);
    });
  };

  Grid.prototype.restoreOrder = function (ids) {
    var self = this;
    ids.forEach(function (id) {
      var card = self.card(id);
      if (card) {
        self.list.appendChild(card.li);
      }
    });
    this.renumber();
  };

  Grid.prototype.move = function (card, step) {
    var before = this.ordered();
    var sibling = step < 0 ? card.li.previousElementSibling : card.li.nextElementSibling;
    if (!sibling) {
      return;
    }
    this.list.insertBefore(card.li, step < 0 ? sibling : sibling.nextElementSibling);
    var position = this.ordered().indexOf(card.id) + 1;
    this.saveOrder(before, format(this.text.textMoved, {
      name: card.name, position: position, total: before.length
    }));
  };

  Grid.prototype.bindDrag = function () {
    var self = this;
    var before = null;
    this.list.addEventListener('dragstart', function (event) {
      var handle = event.target.closest && event.target.closest('[data-caption-handle]');
      if (!handle || handle.getAttribute('draggable') !== 'true') {
        return;
      }
      self.dragging = handle.closest('[data-caption-card]');
      before = self.ordered();
      self.dragging.classList.add('is-dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', self.dragging.dataset.name);
    });
    this.list.addEventListener('dragover', function (event) {
      var target = event.target.closest && event.target.closest('[data-caption-card]');
      if (!self.dragging || !target || target === self.dragging) {
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      var box = target.getBoundingClientRect();
      var after = event.clientY > box.bottom - box.height / 3 ||
        (event.clientX > box.left + box.width / 2 && event.clientY > box.top + box.height / 3);
      self.list.insertBefore(self.dragging, after ? target.nextElementSibling : target);
    });
    this.list.addEventListener('drop', function (event) {
      if (self.dragging) {
        event.preventDefault();
      }
    });
    this.list.addEventListener('dragend', function () {
      if (!self.dragging) {
        return;
      }
      self.dragging.classList.remove('is-dragging');
      var card = self.card(self.dragging.dataset.photoId);
      self.dragging = null;
      if (before && before.join() !== self.ordered().join()) {
        var position = self.ordered().indexOf(card.id) + 1;
        self.saveOrder(before, format(self.text.textMoved, {
          name: card.name, position: position, total: before.length
        }));
      }
    });
  };

  Grid.prototype.setCover = function (id) {
    this.cards.forEach(function (card) {
      var isCover = card.id === String(id);
      card.li.classList.toggle('is-cover', isCover);
      var button = card.li.querySelector('[data-caption-cover]');
      if (button) {
        button.setAttribute('aria-pressed', isCover ? 'true' : 'false');
      }
    });
  };

  Grid.prototype.remove = function (card) {
    this.cards.splice(this.cards.indexOf(card), 1);
    card.li.remove();
    this.renumber();
    this.batch.count();
  };

  function Card(grid, li) {
    this.grid = grid;
    this.li = li;
    this.id = li.dataset.photoId;
    this.name = li.dataset.name;
    this.form = li.querySelector('[data-caption-form]');
    this.status = li.querySelector('[data-caption-status]');
    this.errorBox = li.querySelector('[data-caption-error]');
    this.people = this.form.querySelector('select[name="people"]');
    this.dirty = false;
    this.busy = false;
    this.again = false;
    this.bind();
  }

  Card.prototype.bind = function () {
    var self = this;
    var grid = this.grid;
    this.form.addEventListener('submit', function (event) {
      event.preventDefault();
      self.save();
    });
    this.form.addEventListener('input', function (event) {
      if (event.target.name === 'caption' || event.target.name === 'credit') {
        self.changed();
      }
    });
    // A focal point is one click (or arrow key): saved at once, like a person.
    this.form.addEventListener('change', function (event) {
      if (event.target.name === 'focal_point') {
        self.changed();
        self.save();
      }
    });
    // Leaving a changed card saves it; the people picker's list opens outside the
    // card, so a move into it is not leaving.
    this.li.addEventListener('focusout', function (event) {
      var next = event.relatedTarget;
      if (self.dirty && next && !self.li.contains(next) && !next.closest('.select2-container')) {
        self.save();
      }
    });
    if ($ && this.people) {
      $(this.people).on('change', function () {
        if (!self.quiet) {
          self.changed();
          self.save();
        }
      });
    }
    this.li.querySelectorAll('[data-caption-move]').forEach(function (button) {
      button.addEventListener('click', function () {
        grid.move(self, Number(button.dataset.captionMove));
        button.focus();
      });
    });
    var cover = this.li.querySelector('[data-caption-cover]');
    if (cover) {
      cover.addEventListener('click', function () { self.makeCover(); });
    }
    var remove = this.li.querySelector('[data-caption-delete]');
    if (remove) {
      remove.addEventListener('click', function () { self.remove(); });
    }
    var replace = this.li.querySelector('[data-caption-replace]');
    if (replace) {
      replace.addEventListener('change', function () {
        if (replace.files.length) {
          self.replace(replace.files[0]);
        }
        replace.value = '';
      });
    }
    var select = this.li.querySelector('[data-caption-select]');
    select.addEventListener('change', function () { grid.batch.count(); });
  };

  Card.prototype.changed = function () {
    this.dirty = true;
    this.show('unsaved', this.grid.text.textUnsaved);
  };

  Card.prototype.show = function (state, text) {
    this.status.dataset.state = state;
    this.status.textContent = text;
  };

  Card.prototype.fail = function (message, overwriteVersion) {
    this.show('failed', '');
    this.errorBox.hidden = false;
    this.errorBox.textContent = message;
    if (overwriteVersion) {
      var self = this;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.textContent = this.grid.text.textOverwrite;
      button.addEventListener('click', function () {
        self.li.dataset.version = overwriteVersion;
        self.save();
      });
      this.errorBox.append(' ', button);
    }
  };

  Card.prototype.clearError = function () {
    this.errorBox.hidden = true;
    this.errorBox.textContent = '';
  };

  /* One save at a time per card: a change during a save is sent after it. */
  Card.prototype.save = function () {
    var self = this;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.dirty = false;
    this.show('saving', this.grid.text.textSaving);
    var data = new FormData(this.form);
    data.append('version', this.li.dataset.version);
    data.delete('image');
    this.grid.post(this.li.dataset.saveUrl, data).then(function (answer) {
      if (answer.status === 200) {
        self.clearError();
        self.apply(answer.body.photo);
        self.show('saved', self.grid.text.textSaved);
      } else {
        self.dirty = true;
        var body = answer.body || {};
        self.fail(self.grid.reason(answer), answer.status === 409 && body.version);
      }
    }, function () {
      self.dirty = true;
      self.fail(self.grid.text.textFailed);
    }).then(function () {
      self.busy = false;
      if (self.again) {
        self.again = false;
        if (self.dirty) {
          self.save();
        }
      }
    });
  };

  /* The saved state from the server: its version, and the people it tagged. */
  Card.prototype.apply = function (state) {
    this.li.dataset.version = state.version;
    this.setPeople(state.people);
    var credit = this.form.querySelector('[name="credit"]');
    if (credit && !this.dirty) {
      credit.value = state.credit;
    }
    var point = this.form.querySelector('[name="focal_point"][value="' + state.focal_point + '"]');
    if (point && !this.dirty) {
      point.checked = true;
    }
  };

  Card.prototype.setPeople = function (people) {
    if (!this.people) {
      return;
    }
    var select = this.people;
    var wanted = people.map(function (person) { return String(person.id); });
    var current = Array.prototype.map.call(select.selectedOptions, function (o) { return o.value; });
    if (wanted.join() === current.join()) {
      return;
    }
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (wanted.indexOf(option.value) === -1) {
        option.remove();
      }
    });
    people.forEach(function (person) {
      var option = select.querySelector('option[value="' + person.id + '"]');
      if (!option) {
        option = new Option(person.text, person.id, true, true);
        select.appendChild(option);
      }
      option.selected = true;
    });
    if ($) {
      this.quiet = true;
      $(select).trigger('change');
      this.quiet = false;
    }
  };

  Card.prototype.makeCover = function () {
    var self = this;
    this.grid.post(this.li.dataset.coverUrl, new FormData()).then(function (answer) {
      if (answer.status !== 200) {
        self.fail(self.grid.reason(answer));
        return;
      }
      self.clearError();
      answer.body.photos.forEach(function (state) {
        var card = self.grid.card(state.id);
        if (card) {
          card.li.dataset.version = state.version;
        }
      });
      self.grid.setCover(answer.body.cover);
      self.grid.announce(format(self.grid.text.textCoverSaved, {name: self.name}));
    }, function () { self.fail(self.grid.text.textFailed); });
  };

  Card.prototype.remove = function () {
    var self = this;
    // A photo used by articles says so first (events.usage.deletion_warning).
    var uses = this.li.dataset.deleteWarning;
    var question = uses ?
      format(this.grid.text.textConfirmDeleteUsed, {uses: uses, name: this.name}) :
      format(this.grid.text.textConfirmDelete, {name: this.name});
    if (!window.confirm(question)) {
      return;
    }
    this.grid.post(this.li.dataset.deleteUrl, new FormData()).then(function (answer) {
      if (answer.status !== 200) {
        self.fail(self.grid.reason(answer));
        return;
      }
      self.grid.remove(self);
      self.grid.announce(format(self.grid.text.textDeleted, {name: self.name}));
    }, function () { self.fail(self.grid.text.textFailed); });
  };

  Card.prototype.replace = function (file) {
    var self = this;
    var data = new FormData();
    data.append('image', file, file.name);
    data.append('version', this.li.dataset.version);
    this.show('saving', this.grid.text.textSaving);
    this.grid.post(this.li.dataset.replaceUrl, data).then(function (answer) {
      if (answer.status !== 200) {
        var body = answer.body || {};
        self.fail(self.grid.reason(answer), answer.status === 409 && body.version);
        return;
      }
      self.clearError();
      self.li.dataset.version = answer.body.photo.version;
      var media = self.li.querySelector('[data-caption-handle]');
      var badge = media.querySelector('.caption-card-cover-badge');
      // Server-built markup (events.templatetags.photos), escaped there.
      media.innerHTML = answer.body.picture;
      media.appendChild(badge);
      self.li.querySelector('[data-caption-name]').textContent = answer.body.name;
      self.show('saved', self.grid.text.textSaved);
      self.grid.announce(format(self.grid.text.textReplaced, {name: answer.body.name}));
      self.name = answer.body.name;
    }, function () { self.fail(self.grid.text.textFailed); });
  };

  function Batch(grid, form) {
    this.grid = grid;
    this.form = form;
    if (!form) {
      return;
    }
    this.all = form.querySelector('[data-caption-select-all]');
    this.apply = form.querySelector('[data-caption-batch-apply]');
    this.counter = form.querySelector('[data-caption-selected-count]');
    this.status = form.querySelector('[data-caption-batch-status]');
    var self = this;
    this.all.addEventListener('change', function () {
      grid.list.querySelectorAll('[data-caption-select]').forEach(function (box) {
        box.checked = self.all.checked;
      });
      self.count();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      self.send();
    });
    this.count();
  }

  Batch.prototype.selected = function () {
    return Array.prototype.map.call(
      this.grid.list.querySelectorAll('[data-caption-select]:checked'),
      function (box) { return box.value; }
    );
  };

  Batch.prototype.count = function () {
    if (!this.form) {
      return;
    }
    var count = this.selected().length;
    this.counter.textContent = count ? format(this.grid.text.textSelected, {count: count}) : '';
    this.apply.disabled = count === 0;
  };

  Batch.prototype.send = function () {
    var self = this;
    var grid = this.grid;
    var data = new FormData(this.form);
    this.selected().forEach(function (id) { data.append('photos', id); });
    this.status.textContent = grid.text.textSaving;
    grid.post(this.form.action, data).then(function (answer) {
      if (answer.status !== 200) {
        self.status.textContent = grid.reason(answer);
        return;
      }
      answer.body.photos.forEach(function (state) {
        var card = grid.card(state.id);
        if (card) {
          card.apply(state);
        }
      });
      self.status.textContent = format(grid.text.textBatchSaved, {count: answer.body.photos.length});
    }, function () { self.status.textContent = grid.text.textFailed; });
  };

  document.addEventListener('DOMContentLoaded', function () {
    var root = document.querySelector('[data-caption-grid]');
    if (root) {
      new Grid(root);
    }
  });
}());
