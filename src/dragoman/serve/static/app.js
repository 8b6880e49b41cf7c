// Dragoman explorer: the only script. Hovering a record row lights up its spans in the text.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("article-text");
  if (!text) return;
  const spans = Array.from(text.querySelectorAll(".hl[data-refs]"));
  document.querySelectorAll("tr[id^='ev-'], tr[id^='qt-'], li[id^='ac-']").forEach((row) => {
    const ref = row.id.slice(3);
    const mine = spans.filter((s) => s.dataset.refs.split(" ").includes(ref));
    row.addEventListener("mouseenter", () => mine.forEach((s) => s.classList.add("active")));
    row.addEventListener("mouseleave", () => mine.forEach((s) => s.classList.remove("active")));
  });
});
