//! The staff side of the SPA, under `/medewerker/...`: the KCC desk (search a caller's cases,
//! view a case as the resident sees it plus internal details, contact notes, requests on
//! behalf of a caller), case handling (status, result, document requests), the work overview
//! and the access log for auditors.
//!
//! Staff have their own session (`/api/staff/session`), loaded only when a staff page is
//! opened, so resident pages never pay for it. Which links and forms show depends on the
//! member's roles; the server checks the roles again on every call.

mod audit;
mod case;
mod client;
mod form;
mod login;
mod on_behalf;
mod overview;
mod parts;
mod search;
pub mod texts;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use loket_api::staff::{StaffCaseHit, StaffMember, StaffRole, StaffSessionInfo};

pub use audit::StaffAccessLogPage;
pub use case::StaffCasePage;
pub use login::StaffLoginPage;
pub use on_behalf::{StaffOnBehalfFormPage, StaffOnBehalfPage};
pub use overview::StaffOverviewPage;
pub use search::StaffSearchPage;

use texts::{st, st_signal, StaffTextFn};

use crate::components::IdleDialog;
use crate::session::start_idle_timer;

/// The staff login page.
pub const LOGIN_PATH: &str = "/medewerker/inloggen";

/// A message for the next staff page, set before a redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffFlash {
    LoggedOut,
    SessionEnded,
    LoginNeeded,
}

/// The staff session as the SPA knows it (context).
#[derive(Clone, Copy)]
pub struct Staff {
    /// `None` until `GET /api/staff/session` has answered.
    info: RwSignal<Option<StaffSessionInfo>>,
    /// The session request has answered (or failed: then `info` stays empty).
    answered: RwSignal<bool>,
    requested: RwSignal<bool>,
    pub flash: RwSignal<Option<StaffFlash>>,
    /// The caller's BSN from the last search, to start a request for them (memory only).
    pub caller_bsn: RwSignal<String>,
    /// The last search's hits, shown again when coming back to the search page.
    pub hits: RwSignal<Option<Vec<StaffCaseHit>>>,
    /// `Date.now()` in ms at which the server will end the idle staff session.
    deadline_ms: RwSignal<f64>,
    /// Whether the idle warning dialog is open.
    warning_open: RwSignal<bool>,
}

impl Staff {
    /// Asks for the staff session (the first staff page does; loaded once).
    pub fn ensure_loaded(&self) {
        if !self.requested.get_untracked() {
            self.requested.set(true);
        }
    }

    /// Whether the session has been loaded (tracked).
    pub fn loaded(&self) -> bool {
        self.answered.get()
    }

    /// The logged-in member (tracked).
    pub fn member(&self) -> Option<StaffMember> {
        self.info.with(|i| i.as_ref().and_then(|i| i.staff.clone()))
    }

    /// Whether the logged-in member has one of `roles` (tracked).
    pub fn has_any(&self, roles: &[StaffRole]) -> bool {
        self.info.with(|i| {
            i.as_ref()
                .and_then(|i| i.staff.as_ref())
                .is_some_and(|m| m.roles.iter().any(|r| roles.contains(r)))
        })
    }

    pub fn info(&self) -> Option<StaffSessionInfo> {
        self.info.get()
    }

    fn set_info(&self, info: StaffSessionInfo) {
        self.info.set(Some(info));
        self.answered.set(true);
    }

    /// Whether a member is logged in (not tracked: for timers).
    fn logged_in_untracked(&self) -> bool {
        self.info
            .with_untracked(|i| i.as_ref().is_some_and(|i| i.staff.is_some()))
    }

    /// Forgets the member locally (and what they searched).
    fn forget(&self) {
        self.warning_open.set(false);
        self.info.update(|i| {
            if let Some(i) = i {
                i.staff = None;
            }
        });
        self.hits.set(None);
        self.caller_bsn.set(String::new());
    }

    /// Takes the pending flash message.
    pub fn take_flash(&self) -> Option<StaffFlash> {
        let flash = self.flash.get_untracked();
        if flash.is_some() {
            self.flash.set(None);
        }
        flash
    }
}

/// Creates the staff context (nothing is fetched yet).
fn provide_staff() {
    let staff = Staff {
        info: RwSignal::new(None),
        answered: RwSignal::new(false),
        requested: RwSignal::new(false),
        flash: RwSignal::new(None),
        caller_bsn: RwSignal::new(String::new()),
        hits: RwSignal::new(None),
        deadline_ms: RwSignal::new(0.0),
        warning_open: RwSignal::new(false),
    };
    provide_context(staff);
    // Loaded once a staff page asks, and only after the resident session has answered: that
    // answer sets the CSRF cookie both sessions share, and two first requests at once would
    // each set a different one.
    let session = crate::session::use_session();
    Effect::new(move |fetched: Option<bool>| {
        if fetched == Some(true) {
            return true;
        }
        if !(staff.requested.get() && session.loaded.get()) {
            return false;
        }
        leptos::task::spawn_local(async move {
            // A failed request counts as "not logged in": the login page still works.
            let answer = client::session().await.ok();
            staff.info.set(answer);
            staff.answered.set(true);
        });
        true
    });
    let navigate = use_navigate();
    let ended = move || {
        if !staff.logged_in_untracked() {
            return;
        }
        staff.forget();
        staff.flash.set(Some(StaffFlash::SessionEnded));
        navigate(LOGIN_PATH, NavigateOptions::default());
    };
    client::on_session_ended(ended.clone());

    // The idle timer mirrors the server's (as the resident's does, crate::session): every
    // answer restarts it, two minutes before the end the warning opens, at the end the
    // member is sent to the login page with an explanation.
    client::on_activity(move |seconds_left| {
        staff
            .deadline_ms
            .set(js_sys::Date::now() + seconds_left * 1000.0);
    });
    start_idle_timer(
        move || staff.logged_in_untracked(),
        staff.deadline_ms,
        staff.warning_open,
        ended,
    );
}

/// The staff session around the staff app's routes: provides [`Staff`] and shows the staff
/// idle warning. Must be inside the `<Router>`.
#[component]
pub fn StaffSession(children: Children) -> impl IntoView {
    provide_staff();
    view! {
        {children()}
        <StaffIdleWarning />
    }
}

/// The staff idle warning: "Ingelogd blijven" extends the staff session, "Nu uitloggen" logs
/// out. Staff pages hold residents' data, hence the same 15 minutes as residents.
#[component]
fn StaffIdleWarning() -> impl IntoView {
    let staff = use_staff();
    let navigate = use_navigate();
    view! {
        <IdleDialog
            id="loket-staff-idle"
            open=staff.warning_open
            heading=st_signal(|t| t.idle_heading)
            text=st_signal(|t| t.idle_text)
            on_stay=Callback::new(|()| {
                leptos::task::spawn_local(async {
                    let _ = client::extend().await;
                });
            })
            on_logout=Callback::new(move |()| log_out(staff, navigate.clone()))
        />
    }
}

/// Ends the staff session (here and on the server) and shows the login page.
fn log_out(staff: Staff, navigate: impl Fn(&str, NavigateOptions) + 'static) {
    leptos::task::spawn_local(async move {
        let _ = client::logout().await;
        staff.forget();
        staff.flash.set(Some(StaffFlash::LoggedOut));
        navigate(LOGIN_PATH, NavigateOptions::default());
    });
}

/// The [`Staff`] context.
pub fn use_staff() -> Staff {
    expect_context::<Staff>()
}

/// Where a member starts: the search for the desk and handlers, the access log for auditors.
pub fn home_path(member: &StaffMember) -> &'static str {
    if member
        .roles
        .iter()
        .any(|r| matches!(r, StaffRole::Kcc | StaffRole::Behandelaar))
    {
        "/medewerker/zoeken"
    } else {
        "/medewerker/toegangslog"
    }
}

/// Renders its children for a logged-in member with one of `roles`; sends anyone else to the
/// staff login (a resident session does not count), and says "no access" to a member
/// without the role.
#[component]
pub fn RequireStaff(roles: &'static [StaffRole], children: ChildrenFn) -> impl IntoView {
    let staff = use_staff();
    staff.ensure_loaded();
    let navigate = use_navigate();
    let location = use_location();
    let mounted_at = location.pathname.get_untracked();
    Effect::new(move |_| {
        if staff.loaded()
            && staff.member().is_none()
            && location.pathname.get_untracked() == mounted_at
        {
            if staff.flash.get_untracked().is_none() {
                staff.flash.set(Some(StaffFlash::LoginNeeded));
            }
            navigate(
                LOGIN_PATH,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || {
        if !staff.loaded() || staff.member().is_none() {
            None
        } else if staff.has_any(roles) {
            Some(children().into_any())
        } else {
            Some(view! { <p class="nl-paragraph">{st(|t| t.no_access)}</p> }.into_any())
        }
    }
}

/// All roles that may search and view cases.
pub const DESK: &[StaffRole] = &[StaffRole::Kcc, StaffRole::Behandelaar];

/// The staff menu: the pages this member may use, who is logged in, log out.
#[component]
pub fn StaffNav() -> impl IntoView {
    let staff = use_staff();
    staff.ensure_loaded();
    let navigate = use_navigate();
    let link = move |href: &'static str, text: StaffTextFn, roles: &'static [StaffRole]| {
        move || {
            staff.has_any(roles).then(|| {
                view! {
                    <li class="loket-staff-nav__item">
                        <A href=href attr:class="loket-nav__link">{st(text)}</A>
                    </li>
                }
            })
        }
    };
    let logout = move |_| log_out(staff, navigate.clone());
    let i18n = crate::i18n::use_i18n();
    move || {
        staff.member().map(|member| {
            let logout = logout.clone();
            view! {
                <nav class="loket-staff-nav" aria-label=move || texts::staff_texts(i18n.lang()).nav_label>
                    <ul class="loket-staff-nav__list">
                        {link("/medewerker/zoeken", |t| t.nav_search, DESK)}
                        {link("/medewerker/werkvoorraad", |t| t.nav_overview, DESK)}
                        {link("/medewerker/namens", |t| t.nav_on_behalf, &[StaffRole::Kcc])}
                        {link("/medewerker/toegangslog", |t| t.nav_access_log, &[StaffRole::Auditor])}
                        <li class="loket-staff-nav__item loket-staff-nav__item--user">
                            <span>{move || crate::i18n::fill_in(texts::staff_texts(i18n.lang()).logged_in_as, &[("naam", &member.name)])}</span>
                        </li>
                        <li class="loket-staff-nav__item">
                            <button type="button" class="loket-nav__button" on:click=logout>{st(|t| t.logout)}</button>
                        </li>
                    </ul>
                </nav>
            }
        })
    }
}

/// `/medewerker`: sends the member to their start page (or to the login).
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let staff = use_staff();
    staff.ensure_loaded();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if !staff.loaded() {
            return;
        }
        let target = staff.member().map(|m| home_path(&m)).unwrap_or(LOGIN_PATH);
        navigate(
            target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    view! { <crate::components::Loading /> }
}
