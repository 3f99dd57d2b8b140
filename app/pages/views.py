"""Content pages, their editing by administrators, and the barrier report form."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import limiter
from app.i18n import LANGUAGES, current_language
from app.mail import MailError, send_templated
from app.pages import bp, services
from app.pages.forms import BarrierReportForm, PageForm
from app.pages.policy import can_edit_pages
from app.web import refuse


@bp.get("/pages/<slug>")
def show(slug: str):
    if slug not in services.SLOTS:
        abort(404)
    page = services.find_page(slug, current_language().code)
    if page is None:
        if can_edit_pages(current_user):
            return redirect(url_for("pages.edit", slug=slug))
        abort(404)
    return render_template("pages/show.html", page=page, slot=services.SLOTS[slug])


@bp.route("/pages/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    if slug not in services.SLOTS:
        abort(404)
    if not can_edit_pages(current_user):
        refuse()
    locale = request.args.get("locale") or current_language().code
    if locale not in LANGUAGES:
        abort(404)
    page = services.exact_page(slug, locale)
    form = PageForm(obj=page)
    if form.validate_on_submit():
        services.save_page(slug, locale, title=form.title.data, body_md=form.body_md.data, editor=current_user)
        flash(_("The page has been saved."), "success")
        return redirect(url_for("pages.show", slug=slug) if slug != "welcome" else url_for("main.home"))
    return render_template("pages/edit.html", form=form, slot=services.SLOTS[slug], locale=locale, page=page)


@bp.route("/accessibility/report", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def report_barrier():
    form = BarrierReportForm()
    if form.validate_on_submit():
        recipient = current_app.config["BARRIER_REPORT_EMAIL"] or current_app.config["MAIL_DEFAULT_SENDER"]
        try:
            send_templated(recipient, "pages/email/barrier", "de", report=form.data,
                           reporter=current_user if current_user.is_authenticated else None)
        except MailError:
            current_app.logger.exception("barrier report could not be sent")
            flash(_("Your report could not be sent just now. Please try again later; your text is still here."),
                  "error")
        else:
            flash(_("Thank you. We have received your report and will look into it."), "success")
            return redirect(url_for("pages.show", slug="accessibility"))
    return render_template("pages/report_barrier.html", form=form)
