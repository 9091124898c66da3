use super::{backend_handle, optional_settings, Settings};

/// Settings of the `s3` backend: state as an object in an Amazon S3 bucket.
///
/// See <https://developer.hashicorp.com/terraform/language/backend/s3> for what each does.
#[derive(Clone, Debug)]
#[must_use]
pub struct S3BackendConfig {
    settings: Settings,
}

impl S3BackendConfig {
    /// The required settings: the bucket and the key of the state object in it.
    pub fn new(bucket: impl Into<String>, key: impl Into<String>) -> Self {
        let mut settings = Settings::new();
        settings.insert("bucket".into(), bucket.into().into());
        settings.insert("key".into(), key.into().into());
        S3BackendConfig { settings }
    }

    pub(crate) fn into_settings(self) -> Settings {
        self.settings
    }
}

optional_settings!(S3BackendConfig {
    /// AWS region of the bucket (and of the DynamoDB table, if any).
    region: string = "region";
    /// Encrypts the state object server-side.
    encrypt: bool = "encrypt";
    /// Canned ACL applied to the state object.
    acl: string = "acl";
    /// AWS access key.
    access_key: string = "access_key";
    /// AWS secret key.
    secret_key: string = "secret_key";
    /// KMS key ARN used to encrypt the state.
    kms_key_id: string = "kms_key_id";
    /// DynamoDB table used for state locking.
    dynamodb_table: string = "dynamodb_table";
    /// Locks with a lock file in the bucket (Terraform 1.10 and later).
    use_lockfile: bool = "use_lockfile";
    /// Named profile of the shared AWS configuration.
    profile: string = "profile";
    /// Path of the shared credentials file.
    shared_credentials_file: string = "shared_credentials_file";
    /// Paths of shared credentials files.
    shared_credentials_files: strings = "shared_credentials_files";
    /// Paths of shared configuration files.
    shared_config_files: strings = "shared_config_files";
    /// MFA token.
    token: string = "token";
    /// Prefix of the state path of non-default workspaces.
    workspace_key_prefix: string = "workspace_key_prefix";
    /// Custom S3 endpoint (deprecated by Terraform in favour of `endpoints`).
    endpoint: string = "endpoint";
    /// Custom service endpoints (`{"s3": "...", "dynamodb": "..."}`).
    endpoints: json = "endpoints";
    /// The `assume_role` block (`{"role_arn": "..."}`).
    assume_role: json = "assume_role";
    /// The `assume_role_with_web_identity` block.
    assume_role_with_web_identity: json = "assume_role_with_web_identity";
    /// AWS region for STS.
    sts_region: string = "sts_region";
    /// Uses path-style S3 URLs.
    use_path_style: bool = "use_path_style";
    /// Uses path-style S3 URLs (deprecated by Terraform in favour of `use_path_style`).
    force_path_style: bool = "force_path_style";
    /// Skips the STS credentials check.
    skip_credentials_validation: bool = "skip_credentials_validation";
    /// Skips the region name check.
    skip_region_validation: bool = "skip_region_validation";
    /// Skips requesting the account id.
    skip_requesting_account_id: bool = "skip_requesting_account_id";
    /// Skips the EC2 metadata API.
    skip_metadata_api_check: bool = "skip_metadata_api_check";
    /// Skips checksums on uploads (for S3-compatible stores).
    skip_s3_checksum: bool = "skip_s3_checksum";
    /// Maximum retries of an AWS API request.
    max_retries: number = "max_retries";
    /// Allowed AWS account ids.
    allowed_account_ids: strings = "allowed_account_ids";
    /// Forbidden AWS account ids.
    forbidden_account_ids: strings = "forbidden_account_ids";
});

backend_handle!(
    /// The `s3` backend: state in an Amazon S3 bucket.
    ///
    /// ```
    /// use cdktf::backend::{S3Backend, S3BackendConfig};
    /// use cdktf::{App, TerraformStack};
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "prod");
    /// S3Backend::new(&stack, S3BackendConfig::new("state", "prod.tfstate").encrypt(true));
    /// ```
    S3Backend,
    S3BackendConfig,
    "s3"
);
