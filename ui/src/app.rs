//! The frame: translations, start-up checks, sidebar and routes.

use kartoteka_api::settings::{GetSettings, Language, SetLanguage};
use kartoteka_api::system::{AppStatus, GetAppStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::invoke;
use crate::components::palette::Palette;
use crate::components::staff::{StaffNames, WhoAreYou};
use crate::i18n::{self, I18nProvider};
use crate::pages::cmr::{CmrEditor, CmrList, NewCmr};
use crate::pages::companies::{CompaniesList, CompanyCard, EditCompany, MergeCompany, NewCompany};
use crate::pages::deals::{DealCard, DealsBoard, DealsList, EditDeal, NewDeal, Pipelines};
use crate::pages::import::ImportPage;
use crate::pages::people::{EditPerson, MergePerson, NewPerson, PeopleList, PersonCard};
use crate::pages::staff::StaffPage;
use crate::pages::today::TodayPage;
use crate::pages::trash::Trash;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nProvider>
            <Shell />
        </I18nProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let status = LocalResource::new(|| invoke::<GetAppStatus>(&()));
    let settings = LocalResource::new(|| invoke::<GetSettings>(&()));
    Effect::new(move || {
        if let Some(Ok(saved)) = settings.get() {
            i18n::apply(i18n, saved.language);
        }
    });
    let ready = move || status.get().is_some() && settings.get().is_some();

    view! {
        <Router>
            <div class="shell">
                <Sidebar status />
                <main class="content">
                    <Show when=ready fallback=|| view! { <p class="muted">{move_tr!("loading")}</p> }>
                        {move || match status.get() {
                            Some(Ok(AppStatus { database_error: Some(error), database_path, .. })) => {
                                view! { <DatabaseError error database_path /> }.into_any()
                            }
                            Some(Err(error)) => {
                                view! { <p class="error" role="alert">{i18n::error_text(i18n, &error)}</p> }
                                    .into_any()
                            }
                            _ => view! { <StaffNames /> <WhoAreYou /> <AppRoutes /> <Palette /> }.into_any(),
                        }}
                    </Show>
                </main>
            </div>
        </Router>
    }
}

#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <Redirect path="/today" /> }>
            <Route path=path!("/") view=|| view! { <Redirect path="/today" /> } />
            <Route path=path!("/today") view=TodayPage />
            <Route path=path!("/people") view=PeopleList />
            <Route path=path!("/people/new") view=NewPerson />
            <Route path=path!("/people/:id") view=PersonCard />
            <Route path=path!("/people/:id/edit") view=EditPerson />
            <Route path=path!("/people/:id/merge") view=MergePerson />
            <Route path=path!("/companies") view=CompaniesList />
            <Route path=path!("/companies/new") view=NewCompany />
            <Route path=path!("/companies/:id") view=CompanyCard />
            <Route path=path!("/companies/:id/edit") view=EditCompany />
            <Route path=path!("/companies/:id/merge") view=MergeCompany />
            <Route path=path!("/deals") view=DealsBoard />
            <Route path=path!("/deals/list") view=DealsList />
            <Route path=path!("/deals/pipelines") view=Pipelines />
            <Route path=path!("/deals/new") view=NewDeal />
            <Route path=path!("/deals/:id") view=DealCard />
            <Route path=path!("/deals/:id/edit") view=EditDeal />
            <Route path=path!("/trash") view=Trash />
            <Route path=path!("/staff") view=StaffPage />
            <Route path=path!("/import") view=ImportPage />
            <Route path=path!("/cmr") view=CmrList />
            <Route path=path!("/cmr/new") view=NewCmr />
            <Route path=path!("/cmr/:id") view=CmrEditor />
        </Routes>
    }
}

#[component]
fn Sidebar(status: LocalResource<Result<AppStatus, kartoteka_api::ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let version = move || match status.get() {
        Some(Ok(s)) => format!("v{}", s.version),
        _ => String::new(),
    };
    let on_language = move |ev: leptos::ev::Event| {
        let Some(language) = Language::from_code(&event_target_value(&ev)) else {
            return;
        };
        // Saved first, then shown: what the window says is what the next start will say.
        spawn_local(async move {
            match invoke::<SetLanguage>(&language).await {
                Ok(saved) => i18n::apply(i18n, saved.language),
                Err(e) => leptos::logging::error!("language not saved: {e}"),
            }
        });
    };
    view! {
        <nav class="sidebar" aria-label="main">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"К"</span>
                <span class="brand-text">
                    <strong>{move_tr!("app-title")}</strong>
                    <small>{move_tr!("app-tagline")}</small>
                </span>
            </div>
            <ul class="nav">
                <li>
                    <A href="/today" attr:id="nav-today">
                        {move_tr!("nav-today")}
                    </A>
                </li>
                <li>
                    <A href="/deals" attr:id="nav-deals">
                        {move_tr!("nav-deals")}
                    </A>
                </li>
                <li>
                    <A href="/companies" attr:id="nav-companies">
                        {move_tr!("nav-companies")}
                    </A>
                </li>
                <li>
                    <A href="/people" attr:id="nav-people">
                        {move_tr!("nav-people")}
                    </A>
                </li>
                <li>
                    <A href="/cmr" attr:id="nav-cmr">
                        {move_tr!("nav-cmr")}
                    </A>
                </li>
                <li>
                    <A href="/import" attr:id="nav-import">
                        {move_tr!("nav-import")}
                    </A>
                </li>
                <li>
                    <A href="/staff" attr:id="nav-staff">
                        {move_tr!("nav-staff")}
                    </A>
                </li>
                <li>
                    <A href="/trash" attr:id="nav-trash">
                        {move_tr!("nav-trash")}
                    </A>
                </li>
            </ul>
            <p class="muted quick-hint">{move_tr!("palette-hint")}</p>
            <div class="sidebar-foot">
                <label for="language">{move_tr!("language")}</label>
                <select
                    id="language"
                    on:change=on_language
                    prop:value=move || i18n::current(i18n).code()
                >
                    {Language::ALL
                        .into_iter()
                        .map(|l| {
                            let code = l.code();
                            let name = match l {
                                Language::Ru => "Русский",
                                Language::En => "English",
                            };
                            view! {
                                <option value=code>{name}</option>
                            }
                        })
                        .collect_view()}
                </select>
                <small class="muted">{version}</small>
            </div>
        </nav>
    }
}

#[component]
fn DatabaseError(error: kartoteka_api::ApiError, database_path: String) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <section class="panel startup-error" role="alert" id="startup-error">
            <h1>{move_tr!("startup-db-title")}</h1>
            <p>{move || i18n::error_text(i18n, &error)}</p>
            <p class="muted">{move || tr!(i18n, "startup-db-file", { "path" => database_path.clone() })}</p>
            <p>{move_tr!("startup-db-hint")}</p>
        </section>
    }
}
