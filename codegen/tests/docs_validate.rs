//! The generated examples are real: the stack of every AWS resource, data source and ephemeral
//! resource example (the JSON of the same placeholder model the Rust doctest is printed from, and
//! which that doctest checks it synthesizes, see `examples_run.rs`) goes through
//! `terraform init -plugin-dir` and `terraform validate`, offline, with the real aws 5.100.0
//! provider.
//!
//! The default run validates every 40th page (about 55); `CDKTF_DOCS_VALIDATE=1` validates all
//! 2,141 (1,526 resources, 608 data sources, 7 ephemeral resources). Examples that cannot pass
//! offline are listed in [`KNOWN_FAILURES`] with the reason; the test fails on any other failure,
//! and on a listed one that passes (so the list stays true).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

/// The provider requires one of several optional arguments (SDK `ExactlyOneOf` / `AtLeastOneOf`,
/// framework `ExactlyOneOf` validators); the schema marks them all optional.
const ONE_OF: &str = "needs one of several optional arguments (validator not in the schema)";
/// A framework block validator (`IsRequired`) requires a block the schema marks optional
/// (`min_items` 0).
const BLOCK: &str = "needs a block the schema marks optional (framework IsRequired validator)";
/// The framework checks the required attributes of an absent `single` nested block.
const SINGLE: &str = "framework checks required attributes of an absent single block";
/// A set-size validator (at least 2 elements) that the schema does not carry.
const SIZE: &str = "needs at least 2 set elements (size validator not in the schema)";
/// The provider reports an internal error ("This is always an error in the provider").
const PROVIDER_BUG: &str = "provider error converting an absent nested block (provider bug)";
/// The provider checks one value against another, and treats the unknown placeholder as "".
const VALUES: &str = "provider checks a combination of values (unknown treated as empty)";

/// Examples `terraform validate` rejects for reasons `terraform providers schema -json` does not
/// tell a generator, with the reason; all other examples pass.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    ("ephemeral.aws_kms_secrets", BLOCK),
    ("data.aws_acm_certificate", ONE_OF),
    ("data.aws_cloudfront_cache_policy", ONE_OF),
    ("data.aws_cloudfront_origin_request_policy", ONE_OF),
    ("data.aws_cloudfront_response_headers_policy", ONE_OF),
    ("data.aws_codestarconnections_connection", ONE_OF),
    ("data.aws_connect_contact_flow", ONE_OF),
    ("data.aws_connect_contact_flow_module", ONE_OF),
    ("data.aws_connect_hours_of_operation", ONE_OF),
    ("data.aws_connect_instance", ONE_OF),
    ("data.aws_connect_queue", ONE_OF),
    ("data.aws_connect_quick_connect", ONE_OF),
    ("data.aws_connect_routing_profile", ONE_OF),
    ("data.aws_connect_security_profile", ONE_OF),
    ("data.aws_connect_user", ONE_OF),
    ("data.aws_connect_user_hierarchy_group", ONE_OF),
    ("data.aws_connect_vocabulary", ONE_OF),
    ("data.aws_datazone_domain", ONE_OF),
    ("data.aws_ecr_image", ONE_OF),
    ("data.aws_ecr_lifecycle_policy_document", BLOCK),
    ("data.aws_iam_openid_connect_provider", ONE_OF),
    ("data.aws_identitystore_group", ONE_OF),
    ("data.aws_identitystore_user", ONE_OF),
    ("data.aws_lb_listener_rule", ONE_OF),
    ("data.aws_msk_kafka_version", ONE_OF),
    ("data.aws_networkfirewall_firewall", ONE_OF),
    ("data.aws_networkfirewall_firewall_policy", ONE_OF),
    ("data.aws_opensearchserverless_collection", ONE_OF),
    ("data.aws_outposts_site", ONE_OF),
    ("data.aws_secretsmanager_secret", ONE_OF),
    ("data.aws_servicecatalogappregistry_attribute_group", ONE_OF),
    (
        "data.aws_servicecatalogappregistry_attribute_group_associations",
        ONE_OF,
    ),
    ("data.aws_servicequotas_service_quota", ONE_OF),
    ("data.aws_sfn_activity", ONE_OF),
    ("data.aws_shield_protection", ONE_OF),
    ("data.aws_ssoadmin_permission_set", ONE_OF),
    ("data.aws_synthetics_runtime_version", ONE_OF),
    ("data.aws_vpclattice_service", ONE_OF),
    ("data.aws_waf_subscribed_rule_group", ONE_OF),
    ("data.aws_wafregional_subscribed_rule_group", ONE_OF),
    ("resource.aws_acm_certificate", ONE_OF),
    ("resource.aws_alb", ONE_OF),
    ("resource.aws_ami_launch_permission", ONE_OF),
    ("resource.aws_appautoscaling_scheduled_action", ONE_OF),
    ("resource.aws_appfabric_app_authorization", BLOCK),
    ("resource.aws_appfabric_ingestion_destination", ONE_OF),
    ("resource.aws_appmesh_gateway_route", ONE_OF),
    ("resource.aws_apprunner_service", ONE_OF),
    ("resource.aws_appstream_fleet", ONE_OF),
    ("resource.aws_appstream_image_builder", ONE_OF),
    ("resource.aws_appsync_source_api_association", ONE_OF),
    ("resource.aws_autoscaling_attachment", ONE_OF),
    ("resource.aws_autoscaling_group", ONE_OF),
    ("resource.aws_backup_restore_testing_plan", BLOCK),
    ("resource.aws_backup_restore_testing_selection", ONE_OF),
    ("resource.aws_batch_job_queue", ONE_OF),
    ("resource.aws_bedrock_custom_model", BLOCK),
    (
        "resource.aws_bedrock_model_invocation_logging_configuration",
        BLOCK,
    ),
    ("resource.aws_bedrockagent_agent_collaborator", BLOCK),
    ("resource.aws_bedrockagent_data_source", BLOCK),
    ("resource.aws_bedrockagent_knowledge_base", BLOCK),
    (
        "resource.aws_cloudfront_continuous_deployment_policy",
        BLOCK,
    ),
    ("resource.aws_cloudfront_response_headers_policy", ONE_OF),
    ("resource.aws_cloudfront_vpc_origin", BLOCK),
    ("resource.aws_cloudhsm_v2_hsm", ONE_OF),
    ("resource.aws_cloudwatch_event_connection", ONE_OF),
    ("resource.aws_cloudwatch_event_rule", ONE_OF),
    ("resource.aws_cloudwatch_log_delivery_destination", BLOCK),
    ("resource.aws_codeguruprofiler_profiling_group", BLOCK),
    ("resource.aws_cognito_managed_user_pool_client", ONE_OF),
    ("resource.aws_cognito_risk_configuration", ONE_OF),
    ("resource.aws_cognito_user_pool_ui_customization", ONE_OF),
    ("resource.aws_comprehend_document_classifier", ONE_OF),
    (
        "resource.aws_computeoptimizer_recommendation_preferences",
        ONE_OF,
    ),
    ("resource.aws_config_conformance_pack", ONE_OF),
    ("resource.aws_connect_instance", ONE_OF),
    ("resource.aws_dataexchange_event_action", BLOCK),
    (
        "resource.aws_datasync_location_fsx_ontap_file_system",
        ONE_OF,
    ),
    ("resource.aws_datazone_form_type", BLOCK),
    ("resource.aws_db_proxy_target", ONE_OF),
    ("resource.aws_devopsguru_event_sources_config", BLOCK),
    ("resource.aws_devopsguru_notification_channel", BLOCK),
    ("resource.aws_devopsguru_service_integration", BLOCK),
    ("resource.aws_dms_certificate", ONE_OF),
    ("resource.aws_docdb_global_cluster", ONE_OF),
    ("resource.aws_dx_gateway_association", ONE_OF),
    (
        "resource.aws_dx_hosted_private_virtual_interface_accepter",
        ONE_OF,
    ),
    ("resource.aws_dx_macsec_key_association", ONE_OF),
    ("resource.aws_dx_private_virtual_interface", ONE_OF),
    ("resource.aws_ebs_volume", ONE_OF),
    ("resource.aws_ec2_client_vpn_authorization_rule", ONE_OF),
    ("resource.aws_ec2_host", ONE_OF),
    ("resource.aws_ec2_instance_metadata_defaults", ONE_OF),
    ("resource.aws_ec2_traffic_mirror_target", ONE_OF),
    ("resource.aws_efs_replication_configuration", ONE_OF),
    ("resource.aws_eip_association", ONE_OF),
    ("resource.aws_elasticache_cluster", ONE_OF),
    ("resource.aws_emr_studio_session_mapping", ONE_OF),
    ("resource.aws_flow_log", ONE_OF),
    ("resource.aws_fsx_ontap_file_system", ONE_OF),
    ("resource.aws_fsx_ontap_volume", ONE_OF),
    ("resource.aws_gamelift_fleet", ONE_OF),
    ("resource.aws_gamelift_script", ONE_OF),
    ("resource.aws_glue_catalog_table_optimizer", BLOCK),
    ("resource.aws_glue_crawler", ONE_OF),
    ("resource.aws_guardduty_malware_protection_plan", BLOCK),
    ("resource.aws_guardduty_organization_configuration", ONE_OF),
    ("resource.aws_iam_policy_attachment", ONE_OF),
    ("resource.aws_imagebuilder_component", ONE_OF),
    ("resource.aws_imagebuilder_container_recipe", ONE_OF),
    ("resource.aws_imagebuilder_image", ONE_OF),
    ("resource.aws_imagebuilder_image_pipeline", ONE_OF),
    ("resource.aws_imagebuilder_lifecycle_policy", BLOCK),
    ("resource.aws_imagebuilder_workflow", ONE_OF),
    ("resource.aws_inspector2_filter", BLOCK),
    ("resource.aws_instance", ONE_OF),
    ("resource.aws_internetmonitor_monitor", ONE_OF),
    ("resource.aws_iot_indexing_configuration", ONE_OF),
    ("resource.aws_lakeformation_data_cells_filter", ONE_OF),
    ("resource.aws_lakeformation_opt_in", ONE_OF),
    ("resource.aws_lakeformation_permissions", ONE_OF),
    ("resource.aws_lakeformation_resource_lf_tag", ONE_OF),
    ("resource.aws_lakeformation_resource_lf_tags", ONE_OF),
    ("resource.aws_lambda_event_source_mapping", ONE_OF),
    ("resource.aws_lambda_function", ONE_OF),
    ("resource.aws_lb", ONE_OF),
    ("resource.aws_lexv2models_slot", BLOCK),
    ("resource.aws_m2_application", BLOCK),
    (
        "resource.aws_macie2_classification_export_configuration",
        ONE_OF,
    ),
    ("resource.aws_mskconnect_connector", ONE_OF),
    ("resource.aws_neptune_global_cluster", ONE_OF),
    ("resource.aws_network_acl_rule", ONE_OF),
    (
        "resource.aws_networkfirewall_tls_inspection_configuration",
        ONE_OF,
    ),
    ("resource.aws_opensearchserverless_security_config", SINGLE),
    ("resource.aws_paymentcryptography_key", SINGLE),
    ("resource.aws_pinpoint_gcm_channel", ONE_OF),
    ("resource.aws_prometheus_scraper", BLOCK),
    ("resource.aws_qbusiness_application", BLOCK),
    ("resource.aws_quicksight_analysis", ONE_OF),
    ("resource.aws_quicksight_dashboard", ONE_OF),
    ("resource.aws_quicksight_data_source", ONE_OF),
    ("resource.aws_quicksight_refresh_schedule", PROVIDER_BUG),
    ("resource.aws_quicksight_template", ONE_OF),
    ("resource.aws_quicksight_vpc_connection", SIZE),
    (
        "resource.aws_redshift_data_share_consumer_association",
        ONE_OF,
    ),
    ("resource.aws_redshift_scheduled_action", ONE_OF),
    ("resource.aws_rekognition_stream_processor", BLOCK),
    ("resource.aws_resiliencehub_resiliency_policy", BLOCK),
    ("resource.aws_route", ONE_OF),
    ("resource.aws_route53_record", ONE_OF),
    ("resource.aws_route53domains_domain", BLOCK),
    (
        "resource.aws_route53recoverycontrolconfig_safety_rule",
        ONE_OF,
    ),
    ("resource.aws_route_table_association", ONE_OF),
    ("resource.aws_rum_app_monitor", ONE_OF),
    ("resource.aws_s3_bucket_acl", ONE_OF),
    ("resource.aws_s3_directory_bucket", BLOCK),
    ("resource.aws_s3control_access_grant", BLOCK),
    (
        "resource.aws_s3control_directory_bucket_access_point_scope",
        BLOCK,
    ),
    ("resource.aws_sagemaker_app", ONE_OF),
    ("resource.aws_sagemaker_feature_group", ONE_OF),
    ("resource.aws_sagemaker_pipeline", ONE_OF),
    ("resource.aws_sagemaker_workforce", ONE_OF),
    ("resource.aws_secretsmanager_secret_rotation", ONE_OF),
    ("resource.aws_security_group_rule", ONE_OF),
    ("resource.aws_securityhub_automation_rule", BLOCK),
    (
        "resource.aws_securityhub_standards_control_association",
        VALUES,
    ),
    ("resource.aws_securitylake_aws_log_source", BLOCK),
    ("resource.aws_securitylake_custom_log_source", BLOCK),
    ("resource.aws_securitylake_data_lake", BLOCK),
    ("resource.aws_securitylake_subscriber", BLOCK),
    ("resource.aws_securitylake_subscriber_notification", BLOCK),
    ("resource.aws_servicecatalog_product", ONE_OF),
    ("resource.aws_servicecatalog_provisioned_product", ONE_OF),
    ("resource.aws_servicecatalog_provisioning_artifact", ONE_OF),
    ("resource.aws_shield_proactive_engagement", BLOCK),
    ("resource.aws_sns_sms_preferences", ONE_OF),
    ("resource.aws_spot_fleet_request", ONE_OF),
    ("resource.aws_spot_instance_request", ONE_OF),
    ("resource.aws_ssm_parameter", ONE_OF),
    ("resource.aws_ssmcontacts_rotation", BLOCK),
    ("resource.aws_ssoadmin_trusted_token_issuer", BLOCK),
    ("resource.aws_storagegateway_gateway", ONE_OF),
    ("resource.aws_storagegateway_upload_buffer", ONE_OF),
    ("resource.aws_timestreamquery_scheduled_query", BLOCK),
    ("resource.aws_transcribe_vocabulary", ONE_OF),
    ("resource.aws_transcribe_vocabulary_filter", ONE_OF),
    ("resource.aws_verifiedpermissions_identity_source", BLOCK),
    ("resource.aws_verifiedpermissions_policy", BLOCK),
    ("resource.aws_verifiedpermissions_policy_store", BLOCK),
    ("resource.aws_verifiedpermissions_schema", BLOCK),
    ("resource.aws_vpc_block_public_access_exclusion", ONE_OF),
    ("resource.aws_vpc_dhcp_options", ONE_OF),
    ("resource.aws_vpc_endpoint_connection_notification", ONE_OF),
    ("resource.aws_vpc_route_server_peer", BLOCK),
    ("resource.aws_vpc_security_group_egress_rule", ONE_OF),
    ("resource.aws_vpc_security_group_ingress_rule", ONE_OF),
    ("resource.aws_vpclattice_listener", ONE_OF),
    ("resource.aws_vpclattice_listener_rule", ONE_OF),
    ("resource.aws_vpclattice_resource_configuration", ONE_OF),
    ("resource.aws_workspacesweb_ip_access_settings", BLOCK),
    ("resource.aws_workspacesweb_network_settings", SIZE),
];

/// Examples per configuration: one `terraform validate` loads the provider schema once.
const CHUNK: usize = 300;

/// Renames the variables of one example (`var.x` -> `var.<prefix>x`) so that many examples fit
/// in one configuration.
fn prefix_vars(v: &mut Value, prefix: &str) {
    match v {
        Value::String(s) => {
            if let Some(rest) = s.strip_prefix("${var.") {
                *s = format!("${{var.{prefix}{rest}");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| prefix_vars(i, prefix)),
        Value::Object(map) => map.values_mut().for_each(|i| prefix_vars(i, prefix)),
        _ => {}
    }
}

fn terraform(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_IN_AUTOMATION", "1")
        .output()
        .expect("terraform runs")
}

/// Validates the examples of `pages` in `dir` (already initialized); returns the failures by
/// address with their first error.
fn validate_chunk(dir: &Path, pages: &[&codegen::emit::docs::Page]) -> BTreeMap<String, String> {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let p = entry.expect("entry").path();
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("e_"))
        {
            std::fs::remove_file(p).expect("remove");
        }
    }
    let mut files = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let ex = &page.example;
        let mut doc = ex.stack_json();
        let prefix = format!("e{i}_");
        prefix_vars(&mut doc, &prefix);
        let mut out = serde_json::Map::new();
        if let Some(vars) = doc["variable"].as_object() {
            let renamed: serde_json::Map<_, _> = vars
                .iter()
                .map(|(k, v)| (format!("{prefix}{k}"), v.clone()))
                .collect();
            out.insert("variable".into(), Value::Object(renamed));
        }
        out.insert(ex.section().into(), doc[ex.section()].clone());
        let name = format!("e_{i:04}.tf.json");
        std::fs::write(
            dir.join(&name),
            serde_json::to_string_pretty(&out).expect("json"),
        )
        .expect("write");
        files.insert(name, format!("{}.{}", ex.section(), ex.tf_type));
    }
    let out = terraform(dir, &["validate", "-json", "-no-color"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "terraform validate gave no JSON:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut failures = BTreeMap::new();
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        if d["severity"] != "error" {
            continue;
        }
        let file = d["range"]["filename"].as_str().unwrap_or("");
        let what = files
            .get(file)
            .cloned()
            .unwrap_or_else(|| format!("(configuration: {file})"));
        let msg = format!(
            "{}: {}",
            d["summary"].as_str().unwrap_or(""),
            d["detail"].as_str().unwrap_or("")
        );
        failures.entry(what).or_insert(msg);
    }
    failures
}

#[test]
fn aws_examples_validate() {
    let Some(shared) = common::shared_schemas("aws_examples_validate") else {
        return;
    };
    if test_support::terraform("aws_examples_validate").is_none() {
        return;
    }
    let Some(plugins) = test_support::aws_plugin_dir("aws_examples_validate") else {
        return;
    };
    let full = std::env::var_os("CDKTF_DOCS_VALIDATE").is_some_and(|v| v == "1");
    let text = std::fs::read_to_string(shared.join("aws-5.100.0.json")).expect("aws schema");
    let pages = codegen::Config::new()
        .provider("aws")
        .doc_pages(&text)
        .expect("pages");
    let all: Vec<_> = pages.iter().collect();
    let count = |k| all.iter().filter(|p| p.kind == k).count();
    use codegen::ir::ItemKind::{DataSource, Ephemeral, Resource};
    assert_eq!(
        (count(Resource), count(DataSource), count(Ephemeral)),
        (1526, 608, 7)
    );
    let selected: Vec<_> = if full {
        all.clone()
    } else {
        all.iter().step_by(40).copied().collect()
    };

    let dir = tempfile::tempdir().expect("tempdir");
    let main = &all[0].example.stack_json();
    let head = json!({ "terraform": main["terraform"], "provider": main["provider"] });
    std::fs::write(dir.path().join("main.tf.json"), head.to_string()).expect("write");
    let plugin_arg = format!("-plugin-dir={}", plugins.display());
    let init = terraform(
        dir.path(),
        &["init", "-backend=false", "-input=false", &plugin_arg],
    );
    assert!(
        init.status.success(),
        "terraform init failed:\n{}",
        String::from_utf8_lossy(&init.stderr)
    );

    let mut failures = BTreeMap::new();
    for chunk in selected.chunks(CHUNK) {
        failures.append(&mut validate_chunk(dir.path(), chunk));
    }
    let known: BTreeMap<&str, &str> = KNOWN_FAILURES.iter().copied().collect();
    let checked: BTreeSet<String> = selected
        .iter()
        .map(|p| format!("{}.{}", p.example.section(), p.tf_name))
        .collect();
    let unexpected: Vec<String> = failures
        .iter()
        .filter(|(k, _)| !known.contains_key(k.as_str()))
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let fixed: Vec<&&str> = known
        .keys()
        .filter(|k| checked.contains(**k) && !failures.contains_key(**k))
        .collect();
    let ephemeral = |k: &String| k.starts_with("ephemeral.");
    println!(
        "aws examples: {} of {} resources and data sources pass, {} of {} ephemeral resources \
         ({} known failures){}",
        checked.iter().filter(|k| !ephemeral(k)).count()
            - failures.keys().filter(|k| !ephemeral(k)).count(),
        checked.iter().filter(|k| !ephemeral(k)).count(),
        checked.iter().filter(|k| ephemeral(k)).count()
            - failures.keys().filter(|k| ephemeral(k)).count(),
        checked.iter().filter(|k| ephemeral(k)).count(),
        failures.len() - unexpected.len(),
        if full {
            String::new()
        } else {
            format!("; CDKTF_DOCS_VALIDATE=1 checks all {}", all.len())
        }
    );
    assert!(
        unexpected.is_empty(),
        "{} unexpected failures:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "listed as failing but pass now: {fixed:?}"
    );
}
