use super::{backend_handle, optional_settings, Settings};

/// Settings of the `azurerm` backend: state as a blob in an Azure Storage container.
///
/// See <https://developer.hashicorp.com/terraform/language/backend/azurerm> for what each does.
#[derive(Clone, Debug)]
#[must_use]
pub struct AzurermBackendConfig {
    settings: Settings,
}

impl AzurermBackendConfig {
    /// The required settings: storage account, container, and the blob's name.
    pub fn new(
        storage_account_name: impl Into<String>,
        container_name: impl Into<String>,
        key: impl Into<String>,
    ) -> Self {
        let mut settings = Settings::new();
        settings.insert(
            "storage_account_name".into(),
            storage_account_name.into().into(),
        );
        settings.insert("container_name".into(), container_name.into().into());
        settings.insert("key".into(), key.into().into());
        AzurermBackendConfig { settings }
    }

    pub(crate) fn into_settings(self) -> Settings {
        self.settings
    }
}

optional_settings!(AzurermBackendConfig {
    /// Resource group of the storage account.
    resource_group_name: string = "resource_group_name";
    /// Azure environment (`public`, `china`, `usgovernment`).
    environment: string = "environment";
    /// Custom Azure Storage endpoint.
    endpoint: string = "endpoint";
    /// Hostname of the Azure metadata service.
    metadata_host: string = "metadata_host";
    /// Snapshots the blob before each change.
    snapshot: bool = "snapshot";
    /// Subscription id.
    subscription_id: string = "subscription_id";
    /// Tenant id.
    tenant_id: string = "tenant_id";
    /// Client (application) id.
    client_id: string = "client_id";
    /// Client secret.
    client_secret: string = "client_secret";
    /// Path of a client certificate.
    client_certificate_path: string = "client_certificate_path";
    /// Password of the client certificate.
    client_certificate_password: string = "client_certificate_password";
    /// Storage account access key.
    access_key: string = "access_key";
    /// SAS token.
    sas_token: string = "sas_token";
    /// Authenticates with a managed identity.
    use_msi: bool = "use_msi";
    /// Managed identity endpoint.
    msi_endpoint: string = "msi_endpoint";
    /// Authenticates with OpenID Connect.
    use_oidc: bool = "use_oidc";
    /// OIDC token.
    oidc_token: string = "oidc_token";
    /// Path of a file holding the OIDC token.
    oidc_token_file_path: string = "oidc_token_file_path";
    /// OIDC token request URL.
    oidc_request_url: string = "oidc_request_url";
    /// OIDC token request bearer token.
    oidc_request_token: string = "oidc_request_token";
    /// Uses Azure AD authentication for the storage account.
    use_azuread_auth: bool = "use_azuread_auth";
});

backend_handle!(
    /// The `azurerm` backend: state in an Azure Storage container.
    ///
    /// ```
    /// use cdktf::backend::{AzurermBackend, AzurermBackendConfig};
    /// use cdktf::{App, TerraformStack};
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "prod");
    /// AzurermBackend::new(
    ///     &stack,
    ///     AzurermBackendConfig::new("acct", "tfstate", "prod.tfstate").resource_group_name("rg"),
    /// );
    /// ```
    AzurermBackend,
    AzurermBackendConfig,
    "azurerm"
);
