// Makes the Redoc bundle work offline and under the Content-Security-Policy. Loaded (without
// defer) before the bundle by templates/drf_spectacular/redoc.html.
(function () {
  "use strict";
  var script = document.currentScript;

  // Redoc (styled-components and its style loader) writes its styles into <style> elements,
  // some while the bundle loads, before Redoc's own `nonce` option is read. The Redoc page's
  // policy admits styles carrying this request's nonce (api/urls.py), so every <style> element
  // created on this page gets it.
  var nonce = script.nonce;
  var createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (tagName) {
    var element = createElement.apply(this, arguments);
    if (nonce && String(tagName).toLowerCase() === "style") {
      element.nonce = nonce;
    }
    return element;
  };

  // The sidebar footer loads the Redocly logo from its CDN; nothing may leave the machine, so
  // that one image address is pointed at a local file before the browser fetches it.
  var local = script.getAttribute("data-local-logo");
  var isRemote = function (value) { return typeof value === "string" && value.indexOf("https://cdn.redoc.ly/") === 0; };
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    return setAttribute.call(this, name, name === "src" && isRemote(value) ? local : value);
  };
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    get: function () { return src.get.call(this); },
    set: function (value) { src.set.call(this, isRemote(value) ? local : value); },
    configurable: true,
  });
})();
