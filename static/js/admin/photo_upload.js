/* Upload many photos of a meeting: chosen in the file picker or dropped on the page.
 *
 * Each file goes in a request of its own (XMLHttpRequest, for upload progress), at
 * most three at a time, so no request is bigger than one photo and a bad file or a
 * dropped connection costs that file alone. The server decides what is a photo:
 * every file is sent, and the reason it gives for refusing one is shown beside it.
 * The texts are the page's, in data-text-* attributes of the form, with {name}
 * placeholders: the % of %(name)s would be doubled by {% translate %}.
 *
 * A photo the server flags (the same shot as one already in the meeting, blurred,
 * too dark) is saved all the same, and listed under "Photos to check" with both
 * thumbnails: the editor keeps it, or discards it through the answer's discard_url.
 */
'use strict';
(function () {
  var PARALLEL = 3;

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function fileSize(bytes) {
    // The units read the same in Vietnamese; the number is written the page's way.
    var lang = document.documentElement.lang || undefined;
    if (bytes < 1024) {
      return bytes + ' byte';
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024).toLocaleString(lang) + ' KB';
    }
    var value = bytes / (1024 * 1024);
    return value.toLocaleString(lang, {maximumFractionDigits: value < 10 ? 1 : 0}) + ' MB';
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function hasFiles(event) {
    var types = event.dataTransfer ? event.dataTransfer.types : [];
    return Array.prototype.indexOf.call(types, 'Files') !== -1;
  }

  function Uploader(form) {
    this.form = form;
    this.text = form.dataset;
    this.url = form.action;
    this.token = form.querySelector('[name="csrfmiddlewaretoken"]').value;
    this.input = form.querySelector('input[type="file"]');
    this.zone = form.querySelector('.photo-upload-zone');
    this.panel = document.querySelector('[data-photo-upload-progress]');
    this.overall = this.panel.querySelector('progress');
    this.summary = this.panel.querySelector('[data-photo-upload-summary]');
    this.list = this.panel.querySelector('.photo-upload-files');
    this.doneLink = this.panel.querySelector('[data-photo-upload-done]');
    this.announcer = document.querySelector('[data-photo-upload-announce]');
    this.review = this.panel.querySelector('[data-photo-review]');
    this.reviewList = this.panel.querySelector('.photo-review-list');
    this.items = [];
    this.queue = [];
    this.active = 0;
    this.bind();
  }

  Uploader.prototype.bind = function () {
    var self = this;
    this.input.addEventListener('change', function () {
      self.add(self.input.files);
      // Choosing the same files again must fire "change" again.
      self.input.value = '';
    });
    this.zone.addEventListener('dragover', function (event) {
      if (hasFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        self.zone.classList.add('is-dragging');
      }
    });
    this.zone.addEventListener('dragleave', function (event) {
      if (!self.zone.contains(event.relatedTarget)) {
        self.zone.classList.remove('is-dragging');
      }
    });
    this.zone.addEventListener('drop', function (event) {
      event.preventDefault();
      self.zone.classList.remove('is-dragging');
      if (event.dataTransfer) {
        self.add(event.dataTransfer.files);
      }
    });
    // A file dropped beside the zone would make the browser open it and leave the
    // page, abandoning the uploads under way.
    window.addEventListener('dragover', function (event) {
      if (hasFiles(event) && !self.zone.contains(event.target)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'none';
      }
    });
    window.addEventListener('drop', function (event) {
      if (hasFiles(event) && !self.zone.contains(event.target)) {
        event.preventDefault();
      }
    });
    window.addEventListener('beforeunload', function (event) {
      if (self.busy()) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
  };

  Uploader.prototype.busy = function () {
    return this.active > 0 || this.queue.length > 0;
  };

  Uploader.prototype.add = function (files) {
    var self = this;
    Array.prototype.forEach.call(files || [], function (file) {
      var item = self.row(file);
      self.items.push(item);
      self.queue.push(item);
    });
    if (!this.items.length) {
      return;
    }
    this.panel.hidden = false;
    this.doneLink.hidden = true;
    this.update();
    this.pump();
  };

  Uploader.prototype.row = function (file) {
    var li = element('li');
    var thumb = element('img', 'photo-upload-thumb');
    thumb.alt = '';
    var label = element('span', 'photo-upload-name', file.name);
    label.appendChild(element('span', 'photo-upload-size', fileSize(file.size)));
    var progress = element('progress');
    // A 0-byte file still counts for one unit, so every file moves the bars.
    var weight = Math.max(file.size, 1);
    progress.max = weight;
    progress.value = 0;
    progress.setAttribute('aria-label', file.name);
    var status = element('span', 'photo-upload-status', this.text.textWaiting);
    li.dataset.state = 'waiting';
    li.append(thumb, label, progress, status);
    this.list.appendChild(li);
    return {file: file, weight: weight, sent: 0, li: li, thumb: thumb, progress: progress, status: status};
  };

  Uploader.prototype.pump = function () {
    while (this.active < PARALLEL && this.queue.length) {
      this.send(this.queue.shift());
    }
  };

  Uploader.prototype.send = function (item) {
    var self = this;
    var xhr = new XMLHttpRequest();
    var data = new FormData();
    data.append('image', item.file, item.file.name);
    this.active += 1;
    this.state(item, 'uploading', this.text.textUploading);
    xhr.open('POST', this.url);
    xhr.responseType = 'json';
    xhr.setRequestHeader('X-CSRFToken', this.token);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable && event.total) {
        // The body is a little bigger than the file (the multipart framing).
        self.advance(item, item.weight * event.loaded / event.total);
      }
    });
    xhr.upload.addEventListener('load', function () {
      self.advance(item, item.weight);
      self.state(item, 'uploading', self.text.textProcessing);
    });
    xhr.addEventListener('load', function () {
      var answer = xhr.response;
      if (xhr.status === 201 && answer && answer.id) {
        self.finish(item, true, self.text.textDone);
        if (answer.thumbnail) {
          item.thumb.src = answer.thumbnail;
        }
        self.flag(item, answer);
      } else {
        self.finish(item, false, self.reason(xhr, answer));
      }
    });
    xhr.addEventListener('error', function () {
      self.finish(item, false, self.text.textConnectionLost);
    });
    xhr.addEventListener('abort', function () {
      self.finish(item, false, self.text.textConnectionLost);
    });
    xhr.send(data);
  };

  Uploader.prototype.reason = function (xhr, answer) {
    if (answer && answer.error) {
      return answer.error;
    }
    // An expired session is redirected to the login page; a stale CSRF token is 403.
    if (xhr.status === 403 || (xhr.status === 200 && xhr.responseURL !== this.url)) {
      return this.text.textSignedOut;
    }
    if (xhr.status === 413) {
      return this.text.textTooLarge;
    }
    return format(this.text.textServerError, {status: xhr.status});
  };

  Uploader.prototype.state = function (item, state, text) {
    item.li.dataset.state = state;
    item.status.textContent = text;
  };

  Uploader.prototype.advance = function (item, sent) {
    item.sent = Math.min(item.weight, Math.max(item.sent, sent));
    item.progress.value = item.sent;
    this.update();
  };

  Uploader.prototype.finish = function (item, ok, text) {
    if (item.finished) {
      return;
    }
    item.finished = true;
    item.ok = ok;
    this.active -= 1;
    this.advance(item, item.weight);
    this.state(item, ok ? 'done' : 'failed', text);
    if (!ok) {
      this.announce(item.file.name + ': ' + text);
    }
    this.update();
    this.pump();
    if (!this.busy()) {
      this.doneLink.hidden = false;
      this.announce(this.summary.textContent);
    }
  };

  Uploader.prototype.flag = function (item, answer) {
    var duplicates = answer.duplicates || [];
    var warnings = answer.warnings || [];
    if (!duplicates.length && !warnings.length) {
      return;
    }
    var self = this;
    var card = element('li');
    card.dataset.photoId = answer.id;
    card.appendChild(element('p', 'photo-review-name', item.file.name));
    var pair = element('div', 'photo-review-pair');
    pair.appendChild(this.figure(answer.thumbnail, this.text.textNewPhoto));
    var notes = element('ul', 'photo-review-warnings');
    duplicates.forEach(function (other) {
      var label = format(self.text.textExistingPhoto, {order: other.order});
      pair.appendChild(self.figure(other.thumbnail, label));
      var text = other.distance === 0 ? self.text.textSamePhoto : self.text.textSimilarPhoto;
      notes.appendChild(element('li', '', format(text, {order: other.order})));
    });
    warnings.forEach(function (warning) {
      notes.appendChild(element('li', '', warning));
    });
    var actions = element('div', 'photo-review-actions');
    var keep = element('button', 'button',
      duplicates.length ? this.text.textKeepBoth : this.text.textKeep);
    var discard = element('button', 'button', this.text.textDiscard);
    keep.type = discard.type = 'button';
    keep.addEventListener('click', function () {
      self.dismiss(card, format(self.text.textKept, {name: item.file.name}));
    });
    discard.addEventListener('click', function () {
      self.discard(item, card, answer.discard_url, discard);
    });
    actions.append(keep, discard);
    card.append(pair, notes, actions);
    this.reviewList.appendChild(card);
    this.review.hidden = false;
    this.announce(item.file.name + ': ' + notes.textContent);
  };

  Uploader.prototype.figure = function (src, label) {
    var figure = element('figure');
    var img = element('img');
    img.src = src;
    img.alt = label;
    figure.append(img, element('figcaption', '', label));
    return figure;
  };

  Uploader.prototype.dismiss = function (card, message) {
    // Focus goes on to the next photo to check, so a keyboard user is not sent
    // back to the top of the page when the button they pressed disappears.
    var next = card.nextElementSibling || card.previousElementSibling;
    var hadFocus = card.contains(document.activeElement);
    card.remove();
    this.review.hidden = !this.reviewList.children.length;
    if (hadFocus) {
      var target = next ? next.querySelector('button') : null;
      if (!target && !this.doneLink.hidden) {
        target = this.doneLink.querySelector('a');
      }
      if (target) {
        target.focus();
      }
    }
    this.announce(message);
  };

  Uploader.prototype.discard = function (item, card, url, button) {
    var self = this;
    var data = new URLSearchParams();
    data.append('csrfmiddlewaretoken', this.token);
    button.disabled = true;
    fetch(url, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: {'X-CSRFToken': this.token, Accept: 'application/json'}
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (answer) {
        if (!response.ok) {
          var refusal = new Error(answer.error || self.text.textDiscardFailed);
          refusal.fromServer = true;
          throw refusal;
        }
        self.state(item, 'discarded', self.text.textDiscarded);
        self.dismiss(card, format(self.text.textDiscardedAnnounce, {name: item.file.name}));
      });
    }).catch(function (error) {
      button.disabled = false;
      var note = card.querySelector('.photo-review-error') || element('p', 'photo-review-error');
      note.setAttribute('role', 'alert');
      // A network failure's own message is the browser's, in English.
      note.textContent = error.fromServer ? error.message : self.text.textDiscardFailed;
      card.appendChild(note);
    });
  };

  Uploader.prototype.update = function () {
    var total = 0;
    var sent = 0;
    var done = 0;
    var failed = 0;
    this.items.forEach(function (item) {
      total += item.weight;
      sent += item.sent;
      if (item.finished) {
        if (item.ok) {
          done += 1;
        } else {
          failed += 1;
        }
      }
    });
    this.overall.max = total;
    this.overall.value = sent;
    var counts = {done: done, failed: failed, total: this.items.length};
    var text = this.busy() ? this.text.textProgress : this.text.textFinished;
    this.summary.textContent = format(text, counts);
  };

  Uploader.prototype.announce = function (message) {
    // Replacing the text makes screen readers read it; the same text twice would not.
    this.announcer.textContent = '';
    var announcer = this.announcer;
    window.setTimeout(function () {
      announcer.textContent = message;
    }, 50);
  };

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('[data-photo-upload]');
    if (form) {
      new Uploader(form);
    }
  });
}());
