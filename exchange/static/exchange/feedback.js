// "Was this page useful?" answered in place. Without this the question still works: "Yes" is a
// form that records the answer and comes back to the page with thanks, and "No" is a link to a
// page of reasons. Here "No" shows the reasons in place, and each form is sent with fetch; the
// server answers with the component's new inside (thanks, the form with its errors, or "not
// recorded"), which replaces the old, takes focus and is said in the live region.
// Loaded by feedback/_component.html as its own module (the Exchange has no bundler; app.js is
// loaded the same way), so pages without the question do not load it.
import { initAll } from "../build/govuk-frontend.min.js";

const component = document.querySelector("[data-page-feedback]");
if (component) start(component);

function start(component) {
  const body = component.querySelector("[data-page-feedback-body]");
  const status = component.querySelector("[data-page-feedback-status]");

  component.addEventListener("click", (event) => {
    const no = event.target.closest("[data-page-feedback-no]");
    if (!no) return;
    const reasons = document.getElementById(no.getAttribute("aria-controls"));
    if (!reasons) return;
    event.preventDefault();
    reasons.hidden = false;
    no.setAttribute("aria-expanded", "true");
    focusOn(reasons.querySelector("[data-page-feedback-focus]"));
  });

  component.addEventListener("submit", async (event) => {
    const form = event.target.closest("[data-page-feedback-form]");
    if (!form) return;
    event.preventDefault();
    const data = new FormData(form, event.submitter || undefined);
    // Browsers that take no submitter in FormData still need to say which button was pressed.
    const submitter = event.submitter;
    if (submitter && submitter.name && !data.has(submitter.name)) {
      data.append(submitter.name, submitter.value);
    }
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Page-Feedback": "fetch", Accept: "text/html" },
      });
    } catch {
      say("Sorry, your answer could not be sent. Check your connection and try again.");
      return;
    }
    const contentType = response.headers.get("Content-Type") || "";
    if (!contentType.startsWith("text/html")) {
      say("Sorry, your answer could not be sent. Try again later.");
      return;
    }
    body.innerHTML = await response.text();
    initAll({ scope: body });
    // GOV.UK's error summary takes focus itself when it starts; otherwise the new heading does.
    const summary = body.querySelector(".govuk-error-summary");
    if (summary) {
      summary.focus();
      say(summary.textContent);
    } else {
      focusOn(body.querySelector("[data-page-feedback-focus]"));
    }
  });

  function focusOn(element) {
    if (!element) return;
    element.setAttribute("tabindex", "-1");
    element.focus();
    say(element.textContent);
  }

  function say(text) {
    if (status) status.textContent = text.replace(/\s+/g, " ").trim();
  }
}
