/*
  The admin's address fields follow the server's rule (core.text.slugify_vi):
  tone and letter marks stripped, đ written d, every run of anything but a-z and 0-9
  one hyphen. "Hội nghị tổng kết năm học 2023–2024" gives
  "hoi-nghi-tong-ket-nam-hoc-2023-2024", where Django's URLify drops every
  Vietnamese letter ("hi-ngh-tng-kt-nam-hc-20232024").

  Loaded after Django's urlify.js by admin/prepopulated_fields_js.html, so the
  prepopulate script, which calls URLify each time a title is typed, calls this one.
*/
'use strict';
{
    const marks = /\p{M}/gu;
    const nonWord = /[^a-z0-9]+/;

    function slugifyVietnamese(text, maxLength) {
        const folded = String(text)
            .normalize('NFD')
            .replace(marks, '')
            .replace(/đ/g, 'd')
            .replace(/Đ/g, 'D')
            .toLowerCase();
        let slug = folded.split(nonWord).filter(Boolean).join('-');
        if (maxLength) {
            slug = slug.slice(0, maxLength).replace(/-+$/, '');
        }
        return slug;
    }

    window.URLify = function(text, maxLength) {
        return slugifyVietnamese(text, maxLength);
    };
}
