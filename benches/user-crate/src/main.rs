//! A bucket, a role and a function that uses both.

use aws::iam_role::{IamRole, IamRoleConfig};
use aws::lambda_function::{LambdaFunction, LambdaFunctionConfig};
use aws::provider::{AwsProvider, AwsProviderConfig};
use aws::s3_bucket::{S3Bucket, S3BucketConfig};
use cdktf::prelude::*;

fn main() -> cdktf::Result<()> {
    let app = App::new();
    let stack = TerraformStack::new(&app, "user-crate");
    AwsProvider::new(&stack, "aws", AwsProviderConfig::new().region("eu-west-1"));
    let bucket = S3Bucket::new(&stack, "code", S3BucketConfig::new().bucket_prefix("code-"));
    let role = IamRole::new(
        &stack,
        "role",
        IamRoleConfig::new(r#"{"Version":"2012-10-17","Statement":[]}"#),
    );
    let function = LambdaFunction::new(
        &stack,
        "fn",
        LambdaFunctionConfig::new("handler", role.arn())
            .s3_bucket(bucket.id())
            .s3_key("code.zip")
            .runtime("python3.12")
            .handler("index.handler"),
    );
    TerraformOutput::new(&stack, "function_arn", function.arn());
    app.synth()
}
