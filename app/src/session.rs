//! The resident's session as the SPA knows it: who is logged in, the idle timer and the
//! one-off messages ("you have been logged out") a page shows after a redirect.
//!
//! The server ends a session after [`loket_api::SESSION_IDLE_SECONDS`] without an
//! authenticated request. The SPA mirrors that timer locally: every successful call restarts
//! it, two minutes before the end a warning dialog offers to extend, and at the end the
//! resident is sent to the login page with an explanation.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use loket_api::{SessionInfo, SESSION_IDLE_SECONDS};

use crate::api;

/// Show the idle warning this many seconds before the session ends.
pub const WARN_BEFORE_SECONDS: f64 = 120.0;

/// The server writes a session's `last_seen` at most this often (seconds).
pub const SERVER_TOUCH_GRANULARITY: f64 = 30.0;

/// A message for the next page, set before a redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flash {
    /// Logged out by the resident's own choice.
    LoggedOut,
    /// The session ended by itself (idle timeout, or the server said so).
    SessionEnded,
    /// A page needs login.
    LoginNeeded,
}

/// Shared session state (context).
#[derive(Clone, Copy)]
pub struct Session {
    /// The latest session info; `None` until `GET /api/session` has answered.
    pub info: RwSignal<Option<SessionInfo>>,
    /// `Date.now()` in ms at which the server will end the idle session.
    pub deadline_ms: RwSignal<f64>,
    /// Whether the idle warning dialog is open.
    pub warning_open: RwSignal<bool>,
    /// Message for the next page.
    pub flash: RwSignal<Option<Flash>>,
    /// Logged in (a memo: only changes notify, not every session refresh).
    pub logged_in: Memo<bool>,
    /// True once the first session load has answered (or failed).
    pub loaded: Memo<bool>,
}

impl Session {
    /// The resident's display name, if logged in.
    pub fn resident_name(&self) -> Option<String> {
        self.info.with(|i| {
            i.as_ref()
                .and_then(|i| i.resident.as_ref())
                .map(|r| r.name.clone())
        })
    }

    /// Takes the pending flash message (read once by the page that shows it).
    pub fn take_flash(&self) -> Option<Flash> {
        let flash = self.flash.get_untracked();
        if flash.is_some() {
            self.flash.set(None);
        }
        flash
    }

    /// Restarts the local idle timer.
    fn touch(&self, seconds: f64) {
        self.deadline_ms.set(js_sys::Date::now() + seconds * 1000.0);
    }

    /// Forgets the resident locally (the server has already ended or will end the session).
    pub fn clear_resident(&self) {
        self.warning_open.set(false);
        self.info.update(|i| {
            if let Some(i) = i {
                i.resident = None;
            }
        });
    }
}

/// The [`Session`] context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Login URL that returns to `next` afterwards.
pub fn login_url(next: &str) -> String {
    format!("/inloggen?next={}", api::encode_component(next))
}

/// `next` if it is a local path (`/…`, not `//…` or `/\…`), else the default.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(char::is_control) =>
        {
            n
        }
        _ => "/mijn-zaken".to_owned(),
    }
}

/// The current path with its query, as a `next` target.
pub fn current_path() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Creates the session context, connects the API client to it, loads the session and runs
/// the idle timer. Call once, inside the `<Router>`.
pub fn provide_session() -> Session {
    let info = RwSignal::new(None::<SessionInfo>);
    let session = Session {
        info,
        deadline_ms: RwSignal::new(f64::MAX),
        warning_open: RwSignal::new(false),
        flash: RwSignal::new(None),
        logged_in: Memo::new(move |_| {
            info.with(|i| i.as_ref().is_some_and(|i| i.resident.is_some()))
        }),
        loaded: Memo::new(move |_| info.with(Option::is_some)),
    };
    provide_context(session);

    let navigate = use_navigate();
    let end = {
        let navigate = navigate.clone();
        move || {
            if !session.logged_in.get_untracked() {
                return;
            }
            session.clear_resident();
            session.flash.set(Some(Flash::SessionEnded));
            let path = window().location().pathname().unwrap_or_default();
            if !path.starts_with("/inloggen") {
                navigate(&login_url(&current_path()), NavigateOptions::default());
            }
            // Make sure the server agrees (its clock may lag ours by a request), then fetch a
            // fresh anonymous session (and CSRF token) for the next login.
            leptos::task::spawn_local(async {
                let _ = api::logout(false).await;
                let _ = api::session().await;
            });
        }
    };

    api::set_hooks(
        // The server records activity at most every 30 s, so its clock may have started up
        // to 30 s earlier than ours: count from then, to warn and end in time.
        move || session.touch(SESSION_IDLE_SECONDS as f64 - SERVER_TOUCH_GRANULARITY),
        move |fresh: SessionInfo| {
            session.touch(fresh.expires_in_seconds as f64);
            session.info.set(Some(fresh));
        },
        end.clone(),
    );

    leptos::task::spawn_local(async move {
        if api::session().await.is_err() {
            // Still let public pages work: treat as logged out.
            session.info.set(Some(SessionInfo {
                resident: None,
                csrf_token: String::new(),
                expires_in_seconds: 0,
                login: loket_api::LoginMethods {
                    demo: false,
                    digid: false,
                },
            }));
        }
    });

    start_idle_timer(
        move || session.logged_in.get_untracked(),
        session.deadline_ms,
        session.warning_open,
        end,
    );
    session
}

/// The idle timer of a session (the resident's, and the staff one): a one-second tick that,
/// while `logged_in`, opens the warning [`WARN_BEFORE_SECONDS`] before `deadline_ms` and
/// calls `end` once it has passed.
pub fn start_idle_timer(
    logged_in: impl Fn() -> bool + 'static,
    deadline_ms: RwSignal<f64>,
    warning_open: RwSignal<bool>,
    end: impl Fn() + 'static,
) {
    let tick = move || {
        if !logged_in() {
            return;
        }
        let left = (deadline_ms.get_untracked() - js_sys::Date::now()) / 1000.0;
        if left <= 0.0 {
            end();
        } else if left <= WARN_BEFORE_SECONDS && !warning_open.get_untracked() {
            warning_open.set(true);
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
}

/// Logs out (this device), then goes to the start page with a confirmation.
pub fn logout(session: Session, navigate: impl Fn(&str, NavigateOptions) + 'static) {
    leptos::task::spawn_local(async move {
        // Even if the call fails the resident wants out: forget them locally either way.
        let _ = api::logout(false).await;
        session.clear_resident();
        session.flash.set(Some(Flash::LoggedOut));
        navigate("/", NavigateOptions::default());
        let _ = api::session().await;
    });
}

/// Renders its children only for a logged-in resident; otherwise sends them to the login
/// page, which returns here afterwards.
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    let mounted_at = location.pathname.get_untracked();
    Effect::new(move |_| {
        if session.loaded.get() && !session.logged_in.get() {
            // Only if we are still on the page that needed login: a logout or timeout
            // navigates elsewhere itself.
            if location.pathname.get_untracked() == mounted_at {
                if session.flash.get_untracked().is_none() {
                    session.flash.set(Some(Flash::LoginNeeded));
                }
                navigate(
                    &login_url(&current_path()),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        }
    });
    move || {
        if session.loaded.get() && session.logged_in.get() {
            Some(children())
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(safe_next(Some("/zaken/1".into())), "/zaken/1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/mijn-zaken");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/mijn-zaken");
        assert_eq!(
            safe_next(Some("https://evil.example".into())),
            "/mijn-zaken"
        );
        assert_eq!(safe_next(None), "/mijn-zaken");
    }
}
