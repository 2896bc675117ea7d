// moocreport serve: reload the draft when it is rebuilt, keeping the
// reader's place on the page.
(function () {
  var me = document.currentScript;
  var built = me ? Number(me.dataset.build) : 0;
  var key = "moocreport-scroll:" + location.pathname;
  var y = sessionStorage.getItem(key);
  if (y !== null) {
    sessionStorage.removeItem(key);
    window.scrollTo(0, Number(y));
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  var events = new EventSource("/_moocreport/events");
  events.addEventListener("hello", function (e) {
    if (Number(e.data) !== built) reload();
  });
  events.addEventListener("reload", reload);
})();
