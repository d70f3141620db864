//! Typed calls to the desktop shell: `invoke::<C>(&args)` for any `C: Command`. A call that
//! succeeds bumps the revisions of what the command changes ([`crate::revision`]).

use kartoteka_api::{ARGS_KEY, ApiError, Command};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Calls the shell's command `C` with `args` and decodes its answer.
pub async fn invoke<C: Command>(args: &C::Args) -> Result<C::Output, ApiError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let payload = js_sys::Object::new();
    let value = args.serialize(&serializer).map_err(internal)?;
    js_sys::Reflect::set(&payload, &JsValue::from_str(ARGS_KEY), &value)
        .map_err(|e| internal(format!("{e:?}")))?;
    match tauri_invoke(C::NAME, payload.into()).await {
        Ok(answer) => {
            let output = serde_wasm_bindgen::from_value(answer).map_err(internal)?;
            crate::revision::bump(C::CHANGES);
            Ok(output)
        }
        Err(rejection) => Err(decode_rejection(rejection)),
    }
}

/// The shell rejects with a serialized [`ApiError`]; Tauri itself rejects with a string.
fn decode_rejection(rejection: JsValue) -> ApiError {
    serde_wasm_bindgen::from_value::<ApiError>(rejection.clone()).unwrap_or_else(|_| {
        internal(
            rejection
                .as_string()
                .unwrap_or_else(|| format!("{rejection:?}")),
        )
    })
}

fn internal(detail: impl ToString) -> ApiError {
    ApiError::Internal {
        detail: detail.to_string(),
    }
}
