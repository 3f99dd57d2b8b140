"""City staff's solution pages: start a solution (from ideas), edit it, change its status, link another idea.

A refused action answers 403 (anonymous visitors are sent to log in first) and changes nothing; an unknown
solution 404. Every form keeps what was typed when it is sent back with errors.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from app.i18n import current_language
from app.trust import gate
from app.web import acting_user, preview_or_save, refuse, show_refusal
from ideas.categories import all_categories
from ideas.solutions import bp, policy, services
from ideas.solutions.reading import published_ideas
from ideas.solutions.forms import LinkIdeaForm, NewSolutionForm, SolutionForm, SolutionStatusForm
from ideas.solutions.views import solution_or_404, solution_url

def _input(form: SolutionForm) -> services.SolutionInput:
    return services.SolutionInput(title=form.title.data, summary=form.summary.data,
                                  description_md=form.description.data, language=form.language.data,
                                  category=form.chosen_category(), progress_manual=form.progress.data)


@bp.route("/solutions/new", methods=["GET", "POST"])
def new():
    """Start a solution; `?idea=12` fills in the idea it is built from (the idea page's link)."""
    if not policy.can_create(current_user):
        refuse()
    locale = current_language().code
    form = NewSolutionForm(categories=all_categories(), locale=locale, data=None if request.method == "POST" else {
        "language": locale, "ideas": request.args.get("idea", "", type=str).strip()})
    previewed, action = preview_or_save(form, form.description, saving=("save",))
    if action is not None:
        numbers = form.idea_numbers()
        ideas = published_ideas(numbers)
        missing = [str(n) for n in numbers if n not in ideas]
        if missing:
            form.ideas.errors = [ngettext("There is no published idea with the number %(numbers)s.",
                                          "There are no published ideas with the numbers %(numbers)s.",
                                          len(missing), numbers=", ".join(missing))]
        else:
            try:
                solution = services.create_solution(acting_user(), _input(form),
                                                    ideas=tuple(ideas[n] for n in numbers),
                                                    explanation_md=form.explanation.data or "")
            except gate.Refused as refusal:
                show_refusal(form, refusal, fallback="description")
            else:
                flash(_("The solution has been created. Add its milestones next."), "success")
                return redirect(solution_url(solution))
    return render_template("solutions/form.html", form=form, solution=None, previewed=previewed)


@bp.route("/solutions/<int:solution_id>/edit", methods=["GET", "POST"])
def edit(solution_id: int):
    """The owner, city staff and administrators change the texts, category and progress set by hand."""
    solution = solution_or_404(solution_id)
    if not policy.can_edit(current_user, solution):
        refuse()
    form = SolutionForm(categories=all_categories(), locale=current_language().code,
                        data=None if request.method == "POST" else SolutionForm.data_of(solution))
    previewed, action = preview_or_save(form, form.description, saving=("save",))
    if action is not None:
        try:
            services.update_solution(acting_user(), solution, _input(form))
        except gate.Refused as refusal:
            show_refusal(form, refusal, fallback="description")
        else:
            flash(_("Your changes have been saved."), "success")
            return redirect(solution_url(solution))
    return render_template("solutions/form.html", form=form, solution=solution, previewed=previewed)


@bp.route("/solutions/<int:solution_id>/status", methods=["GET", "POST"])
def change_status(solution_id: int):
    """City staff move the solution; "live" asks the supporters of its ideas whether it meets the need."""
    solution = solution_or_404(solution_id)
    if not policy.can_change_status(current_user, solution):
        refuse()
    form = SolutionStatusForm(solution=solution)
    if form.validate_on_submit():
        services.change_status(acting_user(), solution, form.chosen_status, form.explanation.data or "")
        flash(_("The status has been changed to “%(status)s”.", status=form.chosen_status.label), "success")
        return redirect(solution_url(solution))
    return render_template("solutions/status_form.html", form=form, solution=solution)


@bp.route("/solutions/<int:solution_id>/ideas", methods=["GET", "POST"])
def link_idea(solution_id: int):
    """City staff name another idea the solution is built from, with the explanation its history shows."""
    solution = solution_or_404(solution_id)
    if not policy.can_link_idea(current_user, solution):
        refuse()
    form = LinkIdeaForm()
    if form.validate_on_submit():
        idea = published_ideas([form.idea.data]).get(form.idea.data)
        if idea is None:
            form.idea.errors = [ngettext("There is no published idea with the number %(numbers)s.",
                                         "There are no published ideas with the numbers %(numbers)s.",
                                         1, numbers=form.idea.data)]
        elif services.link_idea(acting_user(), solution, idea, form.explanation.data):
            flash(_("“%(idea)s” is now linked to this solution.", idea=idea.title), "success")
            return redirect(solution_url(solution, _anchor="ideas-title"))
        else:
            form.idea.errors = [_("This idea is linked to the solution already.")]
    return render_template("solutions/link_form.html", form=form, solution=solution)

