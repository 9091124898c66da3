//! Provisioners (`local-exec`, `file`, `remote-exec`) and their `connection` (ssh, winrm), typed.
//!
//! Every resource configuration takes them through [`MetaArguments`](crate::MetaArguments):
//! `.provisioner(LocalExec::new("echo hi"))` and `.connection(Connection::ssh(host))`. They are
//! written as cdktf writes them: `provisioner` is a list of one-key objects
//! (`{"local-exec": {...}}`), `connection` an object with its `type`.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::{Connection, FileProvisioner, LocalExec, RemoteExec, TerraformData, TerraformDataConfig, TerraformSelf};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! TerraformData::new(&stack, "server", TerraformDataConfig::new()
//!     .connection(Connection::ssh(TerraformSelf::get_string("input")).user("admin"))
//!     .provisioner(LocalExec::new("echo created").environment([("STAGE", "dev")]))
//!     .provisioner(FileProvisioner::new("/etc/motd").content("hello"))
//!     .provisioner(RemoteExec::new().inline(["uptime"])));
//! let json = app.synth_stack("demo")?;
//! let server = &json["resource"]["terraform_data"]["server"];
//! assert_eq!(server["connection"]["host"], "${self.input}");
//! assert_eq!(server["provisioner"][0]["local-exec"]["command"], "echo created");
//! # Ok::<(), cdktf::Error>(())
//! ```
//!
//! Beyond cdktf: `when` and `on_failure` on every provisioner, `quiet` on `local-exec`, and `agent`
//! of an ssh connection is a bool (as in Terraform; cdktf types it as a string).

use std::collections::BTreeMap;

use crate::args::Args;
use crate::construct::Node;
use crate::error::Error;
use crate::expr::{Expression, Repr, Resolve};
use crate::meta::Meta;
use crate::resource::ResourceMode;
use crate::value::Value;

/// One provisioner block: build it with [`LocalExec`], [`FileProvisioner`] or [`RemoteExec`].
#[derive(Clone, Debug)]
pub struct Provisioner {
    kind: &'static str,
    args: Args,
}

impl Provisioner {
    /// `{"<kind>": {...}}`.
    pub(crate) fn to_json(&self, cx: &mut dyn Resolve) -> serde_json::Value {
        serde_json::json!({ self.kind: self.args.to_json(cx) })
    }
}

/// When a provisioner runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// At creation (Terraform's default).
    Create,
    /// Before destruction.
    Destroy,
}

/// What a provisioner's failure does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnFailure {
    /// The resource is tainted and the run fails (Terraform's default).
    Fail,
    /// The failure is ignored.
    Continue,
}

/// Setters every provisioner has.
macro_rules! common_setters {
    ($t:ty) => {
        impl $t {
            /// `when`: at creation (default) or before destruction.
            pub fn when(mut self, when: When) -> Self {
                let w = match when {
                    When::Create => "create",
                    When::Destroy => "destroy",
                };
                self.0.set::<String>("when", w);
                self
            }

            /// `on_failure`: fail (default) or continue.
            pub fn on_failure(mut self, on_failure: OnFailure) -> Self {
                let f = match on_failure {
                    OnFailure::Fail => "fail",
                    OnFailure::Continue => "continue",
                };
                self.0.set::<String>("on_failure", f);
                self
            }
        }
    };
}

/// Setters of provisioners that run on the remote machine.
macro_rules! connection_setter {
    ($t:ty) => {
        impl $t {
            /// The connection of this provisioner only (else the resource's `connection`).
            pub fn connection(mut self, connection: impl Into<Connection>) -> Self {
                self.0
                    .attrs
                    .insert("connection", Repr::Object(connection.into().0.attrs));
                self
            }
        }
    };
}

/// A `local-exec` provisioner: runs a command where Terraform runs.
#[derive(Clone, Debug)]
#[must_use]
pub struct LocalExec(Args);

impl LocalExec {
    /// Runs `command`.
    pub fn new(command: impl Into<Value<String>>) -> Self {
        let mut args = Args::new();
        args.set_value("command", command.into());
        LocalExec(args)
    }

    /// The working directory of the command.
    pub fn working_dir(mut self, dir: impl Into<Value<String>>) -> Self {
        self.0.set_value("working_dir", dir.into());
        self
    }

    /// The interpreter and its arguments (`["/bin/bash", "-c"]`).
    pub fn interpreter(mut self, interpreter: impl Into<Value<Vec<String>>>) -> Self {
        self.0.set_value("interpreter", interpreter.into());
        self
    }

    /// Environment variables of the command (names are kept as given).
    pub fn environment<K: Into<String>, V: Into<Value<String>>>(
        mut self,
        environment: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let map: BTreeMap<String, Value<String>> = environment
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self.0.set::<BTreeMap<String, String>>("environment", map);
        self
    }

    /// `quiet`: do not print the command (Terraform 1.5+).
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.0.set_value("quiet", Value::<bool>::from(quiet));
        self
    }
}

/// A `file` provisioner: copies a file or content to the remote machine.
#[derive(Clone, Debug)]
#[must_use]
pub struct FileProvisioner(Args);

impl FileProvisioner {
    /// Copies to `destination` on the remote machine; set [`source`](Self::source) or
    /// [`content`](Self::content).
    pub fn new(destination: impl Into<Value<String>>) -> Self {
        let mut args = Args::new();
        args.set_value("destination", destination.into());
        FileProvisioner(args)
    }

    /// The local file or directory to copy.
    pub fn source(mut self, source: impl Into<Value<String>>) -> Self {
        self.0.set_value("source", source.into());
        self
    }

    /// The content to write.
    pub fn content(mut self, content: impl Into<Value<String>>) -> Self {
        self.0.set_value("content", content.into());
        self
    }
}

/// A `remote-exec` provisioner: runs commands on the remote machine.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct RemoteExec(Args);

impl RemoteExec {
    /// A remote-exec provisioner; set [`inline`](Self::inline), [`script`](Self::script) or
    /// [`scripts`](Self::scripts).
    pub fn new() -> Self {
        Self::default()
    }

    /// Commands to run, in order.
    pub fn inline(mut self, commands: impl Into<Value<Vec<String>>>) -> Self {
        self.0.set_value("inline", commands.into());
        self
    }

    /// A local script to copy and run.
    pub fn script(mut self, script: impl Into<Value<String>>) -> Self {
        self.0.set_value("script", script.into());
        self
    }

    /// Local scripts to copy and run, in order.
    pub fn scripts(mut self, scripts: impl Into<Value<Vec<String>>>) -> Self {
        self.0.set_value("scripts", scripts.into());
        self
    }
}

common_setters!(LocalExec);
common_setters!(FileProvisioner);
common_setters!(RemoteExec);
connection_setter!(FileProvisioner);
connection_setter!(RemoteExec);

impl From<LocalExec> for Provisioner {
    fn from(p: LocalExec) -> Self {
        Provisioner {
            kind: "local-exec",
            args: p.0,
        }
    }
}

impl From<FileProvisioner> for Provisioner {
    fn from(p: FileProvisioner) -> Self {
        Provisioner {
            kind: "file",
            args: p.0,
        }
    }
}

impl From<RemoteExec> for Provisioner {
    fn from(p: RemoteExec) -> Self {
        Provisioner {
            kind: "remote-exec",
            args: p.0,
        }
    }
}

/// How provisioners reach the remote machine: [`Connection::ssh`] or [`Connection::winrm`], then
/// the setters of that type (a setter of the other type is not available).
#[derive(Clone, Debug)]
#[must_use]
pub struct Connection(Args);

/// An ssh [`Connection`] being built.
#[derive(Clone, Debug)]
#[must_use]
pub struct SshConnection(Args);

/// A winrm [`Connection`] being built.
#[derive(Clone, Debug)]
#[must_use]
pub struct WinrmConnection(Args);

impl Connection {
    /// An ssh connection to `host`.
    pub fn ssh(host: impl Into<Value<String>>) -> SshConnection {
        let mut args = Args::new();
        args.set::<String>("type", "ssh");
        args.set_value("host", host.into());
        SshConnection(args)
    }

    /// A winrm connection to `host`.
    pub fn winrm(host: impl Into<Value<String>>) -> WinrmConnection {
        let mut args = Args::new();
        args.set::<String>("type", "winrm");
        args.set_value("host", host.into());
        WinrmConnection(args)
    }
}

impl From<SshConnection> for Connection {
    fn from(c: SshConnection) -> Self {
        Connection(c.0)
    }
}

impl From<WinrmConnection> for Connection {
    fn from(c: WinrmConnection) -> Self {
        Connection(c.0)
    }
}

/// Setters of the given Terraform names and types.
macro_rules! setters {
    ($t:ty { $($(#[$doc:meta])* $name:ident: $vt:ty),* $(,)? }) => {
        impl $t {
            $(
                $(#[$doc])*
                pub fn $name(mut self, value: impl Into<Value<$vt>>) -> Self {
                    self.0.set_value(stringify!($name), value.into());
                    self
                }
            )*
        }
    };
}

setters!(SshConnection {
    /// The user to log in as.
    user: String,
    /// The password.
    password: String,
    /// The port (22 by default).
    port: f64,
    /// How long to wait for the connection (`"5m"`).
    timeout: String,
    /// Where scripts are copied to.
    script_path: String,
    /// The private key (its contents).
    private_key: String,
    /// A signed certificate for the key.
    certificate: String,
    /// Whether to use the ssh agent.
    agent: bool,
    /// The identity of the agent to use.
    agent_identity: String,
    /// The public key of the host, to verify it.
    host_key: String,
    /// `unix` or `windows`.
    target_platform: String,
    /// A bastion host to connect through.
    bastion_host: String,
    /// The bastion's public key.
    bastion_host_key: String,
    /// The bastion's port.
    bastion_port: f64,
    /// The bastion's user.
    bastion_user: String,
    /// The bastion's password.
    bastion_password: String,
    /// The bastion's private key.
    bastion_private_key: String,
    /// The bastion's certificate.
    bastion_certificate: String,
    /// `http` or `https`.
    proxy_scheme: String,
    /// A proxy host.
    proxy_host: String,
    /// The proxy's port.
    proxy_port: f64,
    /// The proxy's user name.
    proxy_user_name: String,
    /// The proxy's password.
    proxy_user_password: String,
});

setters!(WinrmConnection {
    /// The user to log in as.
    user: String,
    /// The password.
    password: String,
    /// The port (5985, or 5986 with https).
    port: f64,
    /// How long to wait for the connection (`"5m"`).
    timeout: String,
    /// Where scripts are copied to.
    script_path: String,
    /// Whether to use https.
    https: bool,
    /// Whether to skip certificate validation.
    insecure: bool,
    /// Whether to use NTLM authentication.
    use_ntlm: bool,
    /// The CA certificate to validate against.
    cacert: String,
});

/// `self`: the resource a provisioner or connection belongs to (cdktf's `TerraformSelf`).
pub struct TerraformSelf;

impl TerraformSelf {
    /// `${self.KEY}`, typed by the caller.
    pub fn get<T>(key: &str) -> Value<T> {
        Value::from_expression(Expression::raw("self").attr(key))
    }

    /// `${self.KEY}` as a string.
    pub fn get_string(key: &str) -> Value<String> {
        Self::get(key)
    }

    /// `${self.KEY}` as a number.
    pub fn get_number(key: &str) -> Value<f64> {
        Self::get(key)
    }
}

/// Provisioners and connection of a meta-argument set, written into the element's JSON object
/// (the resource synthesis hook). Only managed resources take them.
pub(crate) fn render_meta(
    meta: &Meta,
    mode: ResourceMode,
    node: &Node,
    cx: &mut crate::render::SynthContext<'_>,
    out: &mut serde_json::Map<String, serde_json::Value>,
) {
    if meta.provisioners.is_empty() && meta.connection.is_none() {
        return;
    }
    if mode != ResourceMode::Managed {
        cx.error(Error::InvalidConfig {
            path: node.path().to_string(),
            message: "provisioners and connection apply to managed resources only".into(),
        });
        return;
    }
    if let Some(connection) = &meta.connection {
        out.insert("connection".into(), connection.0.to_json(cx));
    }
    if !meta.provisioners.is_empty() {
        let items = meta.provisioners.iter().map(|p| p.to_json(cx)).collect();
        out.insert("provisioner".into(), serde_json::Value::Array(items));
    }
}
