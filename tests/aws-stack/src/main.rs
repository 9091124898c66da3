//! An AWS stack written with the generated bindings (`codegen/tests/aws_stack.rs` generates them,
//! runs this program, then `terraform init` and `terraform validate` on its output).

use aws::data_aws_iam_policy_document::{
    DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentConfig, DataAwsIamPolicyDocumentStatement,
    DataAwsIamPolicyDocumentStatementPrincipals,
};
use aws::iam_role::{IamRole, IamRoleConfig};
use aws::lambda_function::{LambdaFunction, LambdaFunctionConfig};
use aws::provider::{AwsProvider, AwsProviderConfig};
use aws::s3_bucket::{S3Bucket, S3BucketConfig};
use aws::s3_bucket_lifecycle_configuration::{
    S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationConfig,
    S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter, S3BucketLifecycleConfigurationRuleTransition,
};
use aws::security_group::{SecurityGroup, SecurityGroupConfig, SecurityGroupEgress};
use aws::ssm_parameter::{SsmParameter, SsmParameterConfig};
use aws::subnet::{Subnet, SubnetConfig};
use aws::vpc::{Vpc, VpcConfig};
use cdktf::prelude::*;

/// One ingress or egress rule for TCP on `port` from `cidr`. The rule is an object in a set
/// attribute: the fields left unset are written as `null`, which Terraform needs.
fn rule(description: &str, port: u16, cidr: &str) -> SecurityGroupEgress {
    SecurityGroupEgress::new()
        .cidr_blocks(vec![cidr])
        .description(description)
        .from_port(port)
        .to_port(port)
        .protocol("tcp")
}

fn build(app: &App) -> TerraformStack {
    let stack = TerraformStack::new(app, "aws-stack");
    AwsProvider::new(&stack, "aws", AwsProviderConfig::new().region("eu-west-1"));

    let vpc = Vpc::new(&stack, "vpc", VpcConfig::new().cidr_block("10.0.0.0/16"));
    Subnet::new(
        &stack,
        "subnet",
        SubnetConfig::new(vpc.id())
            .cidr_block(cdktf::functions::cidrsubnet(
                vpc.cidr_block(),
                8,
                count_index(),
            ))
            .count(3),
    );
    let sg = SecurityGroup::new(
        &stack,
        "web",
        SecurityGroupConfig::new()
            .vpc_id(vpc.id())
            .ingress(vec![
                rule("https", 443, "0.0.0.0/0"),
                rule("http", 80, "0.0.0.0/0"),
                rule("ssh", 22, "10.0.0.0/8"),
            ])
            .egress(vec![
                rule("all tcp", 0, "0.0.0.0/0"),
                rule("dns", 53, "0.0.0.0/0"),
            ]),
    );

    let bucket = S3Bucket::new(&stack, "logs", S3BucketConfig::new().bucket_prefix("logs-"));
    let archive_prefix = cdktf::TerraformIterator::from_list(vec!["archive/"]);
    S3BucketLifecycleConfiguration::new(
        &stack,
        "logs-lifecycle",
        S3BucketLifecycleConfigurationConfig::new(bucket.id()).rule(vec![
            S3BucketLifecycleConfigurationRule::new("expire", "Enabled")
                .filter(S3BucketLifecycleConfigurationRuleFilter::new().prefix("tmp/"))
                .expiration(S3BucketLifecycleConfigurationRuleExpiration::new().days(30)),
            // A dynamic block on a block that appears at most once (`max_items = 1`).
            S3BucketLifecycleConfigurationRule::new("archive", "Enabled")
                .filter(archive_prefix.dynamic(
                    S3BucketLifecycleConfigurationRuleFilter::new().prefix(archive_prefix.value()),
                ))
                .transition(vec![S3BucketLifecycleConfigurationRuleTransition::new(
                    "GLACIER",
                )
                .days(90)]),
        ]),
    );

    let assume = DataAwsIamPolicyDocument::new(
        &stack,
        "assume",
        DataAwsIamPolicyDocumentConfig::new().statement(vec![
            DataAwsIamPolicyDocumentStatement::new()
                .actions(vec!["sts:AssumeRole"])
                .principals(vec![DataAwsIamPolicyDocumentStatementPrincipals::new(
                    vec!["lambda.amazonaws.com"],
                    "Service",
                )]),
        ]),
    );
    let role = IamRole::new(
        &stack,
        "role",
        IamRoleConfig::new(assume.json()).name("fn-role"),
    );
    let function = LambdaFunction::new(
        &stack,
        "fn",
        LambdaFunctionConfig::new("handler", role.arn())
            .runtime("python3.12")
            .handler("index.handler")
            .filename("lambda.zip")
            .depends_on([&sg]),
    );

    let each = cdktf::TerraformIterator::from_map(map! {
        "log-level" => "info",
        "region" => "eu-west-1",
    });
    SsmParameter::new(
        &stack,
        "setting",
        SsmParameterConfig::new(format!("/app/{}", each.key()), "String")
            .value(each.value())
            .for_each(&each),
    );

    TerraformOutput::new(&stack, "function_arn", function.arn());
    TerraformOutput::new(
        &stack,
        "function_account",
        aws::functions::arn_parse(function.arn()),
    );
    stack
}

fn main() -> cdktf::Result<()> {
    let app = App::new();
    build(&app);
    app.synth()
}
