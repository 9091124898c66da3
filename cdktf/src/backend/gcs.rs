use super::{backend_handle, optional_settings, Settings};

/// Settings of the `gcs` backend: state as an object in a Google Cloud Storage bucket.
///
/// See <https://developer.hashicorp.com/terraform/language/backend/gcs> for what each does.
#[derive(Clone, Debug)]
#[must_use]
pub struct GcsBackendConfig {
    settings: Settings,
}

impl GcsBackendConfig {
    /// The required setting: the bucket.
    pub fn new(bucket: impl Into<String>) -> Self {
        let mut settings = Settings::new();
        settings.insert("bucket".into(), bucket.into().into());
        GcsBackendConfig { settings }
    }

    pub(crate) fn into_settings(self) -> Settings {
        self.settings
    }
}

optional_settings!(GcsBackendConfig {
    /// Directory of the state objects in the bucket.
    prefix: string = "prefix";
    /// Service account credentials (a path or the JSON itself).
    credentials: string = "credentials";
    /// An OAuth 2.0 access token.
    access_token: string = "access_token";
    /// Service account to impersonate.
    impersonate_service_account: string = "impersonate_service_account";
    /// Delegation chain of the impersonation.
    impersonate_service_account_delegates: strings = "impersonate_service_account_delegates";
    /// Customer-supplied AES-256 encryption key.
    encryption_key: string = "encryption_key";
    /// Cloud KMS key used to encrypt the state.
    kms_encryption_key: string = "kms_encryption_key";
    /// Custom storage endpoint.
    storage_custom_endpoint: string = "storage_custom_endpoint";
});

backend_handle!(
    /// The `gcs` backend: state in a Google Cloud Storage bucket.
    ///
    /// ```
    /// use cdktf::backend::{GcsBackend, GcsBackendConfig};
    /// use cdktf::{App, TerraformStack};
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "prod");
    /// GcsBackend::new(&stack, GcsBackendConfig::new("state").prefix("prod"));
    /// ```
    GcsBackend,
    GcsBackendConfig,
    "gcs"
);
