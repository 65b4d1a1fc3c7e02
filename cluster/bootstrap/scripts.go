package bootstrap

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
)

// Paths of the files the user data writes, besides NodePath.
const (
	initConfigPath    = "/etc/drydock/kubeadm-init.yaml"
	joinConfigPath    = "/etc/drydock/kubeadm-join.yaml"
	caCertPath        = "/etc/kubernetes/pki/ca.crt"
	caKeyPath         = "/etc/kubernetes/pki/ca.key"
	modulesPath       = "/etc/modules-load.d/drydock-kubernetes.conf"
	sysctlPath        = "/etc/sysctl.d/99-drydock-kubernetes.conf"
	installScriptPath = "/usr/local/sbin/drydock-install"
	kubeadmScriptPath = "/usr/local/sbin/drydock-kubeadm"
	uploadCertsUnit   = "drydock-upload-certs"
	systemdDir        = "/etc/systemd/system/"
	kubeadmLogPath    = "/var/log/drydock-kubeadm.log"
)

// Kernel modules and settings containerd and Kubernetes networking need.
const (
	modulesConf = "overlay\nbr_netfilter\n"
	sysctlConf  = "net.bridge.bridge-nf-call-iptables = 1\n" +
		"net.bridge.bridge-nf-call-ip6tables = 1\n" +
		"net.ipv4.ip_forward = 1\n"
)

// installScript installs containerd (Ubuntu's package, with the systemd
// cgroup driver) and kubelet, kubeadm and kubectl of one version from
// pkgs.k8s.io, held there. It has nothing to do on a machine that has them.
var installScript = template.Must(template.New("install").Parse(`#!/bin/bash
# drydock: install containerd and Kubernetes {{.Version}} from pkgs.k8s.io.
set -euo pipefail
version={{.Version}}
repo=https://pkgs.k8s.io/core:/stable:/{{.Minor}}/deb/
if command -v containerd >/dev/null && [ "$(kubeadm version -o short 2>/dev/null)" = "v$version" ]; then
  echo "drydock: containerd and kubeadm v$version are installed already"
  exit 0
fi
retry() {
  local i
  for i in $(seq 1 30); do
    "$@" && return 0
    echo "drydock: $1 failed (attempt $i of 30); retrying in 10s" >&2
    sleep 10
  done
  return 1
}
apt_get() { apt-get -q -y -o DPkg::Lock::Timeout=600 "$@"; }
export DEBIAN_FRONTEND=noninteractive
modprobe overlay
modprobe br_netfilter
sysctl --system >/dev/null
swapoff -a
keyring=/etc/apt/keyrings/kubernetes-apt-keyring.gpg
mkdir -p -m 755 /etc/apt/keyrings
retry curl -fsSL -o /run/kubernetes-release.key "${repo}Release.key"
gpg --batch --yes --dearmor -o "$keyring" /run/kubernetes-release.key
echo "deb [signed-by=$keyring] $repo /" >/etc/apt/sources.list.d/kubernetes.list
retry apt_get update --error-on=any
retry apt_get install containerd conntrack socat "kubelet=$version-*" "kubeadm=$version-*" "kubectl=$version-*"
apt-mark hold kubelet kubeadm kubectl
mkdir -p /etc/containerd
containerd config default | sed 's/SystemdCgroup = false/SystemdCgroup = true/' >/etc/containerd/config.toml
grep -q 'SystemdCgroup = true' /etc/containerd/config.toml
systemctl restart containerd
systemctl enable --now kubelet
`))

// kubeadmScript initialises the cluster or joins it. Secrets stay in the
// kubeadm configuration files; kubeadm's output, which repeats them, goes
// to a log only root reads.
var kubeadmScript = template.Must(template.New("kubeadm").Parse(`#!/bin/bash
# drydock: {{if .Init}}initialise the cluster or join it{{else}}join the cluster{{end}}{{if .ControlPlane}} as a control plane{{end}}.
set -euo pipefail
umask 077
log={{.Log}}
url=https://{{.Endpoint}}/livez
# answers: something answers HTTPS at the API endpoint, with any status.
answers() {
  local code
  code=$(curl -sk --max-time 5 -o /dev/null -w '%{http_code}' "$url") || true
  [ "${code:-000}" != 000 ]
}
wait_for_api() {
  local i
  for i in $(seq 1 180); do
    answers && return 0
    sleep 10
  done
  echo "drydock: $url did not answer in 30 minutes" >&2
  return 1
}
kubeadm_() {
  echo "drydock: kubeadm $1, output in $log"
  kubeadm "$@" >>"$log" 2>&1
}
join() {
  local i
  for i in 1 2 3; do
    kubeadm_ join --config {{.JoinConfig}} && return 0
    kubeadm_ reset --force || true
    sleep 30
  done
  return 1
}
{{- if .Init}}
if answers; then
  join
else
  kubeadm_ init --config {{.InitConfig}} --upload-certs
fi
{{- else}}
wait_for_api
join
{{- end}}
{{- if .ControlPlane}}
systemctl enable --now {{.UploadCertsUnit}}.timer
{{- if .AdminLabels}}
node=$(hostname | tr '[:upper:]' '[:lower:]')
kubectl --kubeconfig /etc/kubernetes/admin.conf label node "$node" --overwrite {{.AdminLabels}} ||
  echo "drydock: could not label node $node; it is in the cluster nevertheless" >&2
{{- end}}
{{- end}}
echo "drydock: $(hostname) is in the cluster"
`))

// uploadCertsService re-uploads the control-plane certificates, which
// kubeadm deletes two hours after an upload, so that a control plane
// replaced later can join with the certificate key. Its output, which
// includes the key, is discarded.
const uploadCertsService = `[Unit]
Description=drydock: upload the control-plane certificates for kubeadm join
ConditionPathExists=/etc/kubernetes/admin.conf

[Service]
Type=oneshot
ExecStart=/usr/bin/kubeadm init phase upload-certs --upload-certs --config ` + initConfigPath + `
StandardOutput=null
`

const uploadCertsTimer = `[Unit]
Description=drydock: upload the control-plane certificates hourly

[Timer]
OnCalendar=hourly
RandomizedDelaySec=10m

[Install]
WantedBy=timers.target
`

// scripts returns the install and kubeadm scripts of the plan.
func (p *plan) scripts() (install, kubeadm []byte, err error) {
	var ib, kb bytes.Buffer
	err = installScript.Execute(&ib, map[string]string{
		"Version": p.version.String(),
		"Minor":   fmt.Sprintf("v%d.%d", p.version.Major, p.version.Minor),
	})
	if err != nil {
		return nil, nil, err
	}
	admin := make([]string, len(p.adminLabels))
	for i, l := range p.adminLabels {
		admin[i] = shellQuote(l.String())
	}
	err = kubeadmScript.Execute(&kb, map[string]any{
		"Init":            p.init,
		"ControlPlane":    p.role == RoleControlPlane,
		"Endpoint":        p.endpoint(),
		"Log":             kubeadmLogPath,
		"InitConfig":      initConfigPath,
		"JoinConfig":      joinConfigPath,
		"UploadCertsUnit": uploadCertsUnit,
		"AdminLabels":     strings.Join(admin, " "),
	})
	if err != nil {
		return nil, nil, err
	}
	return ib.Bytes(), kb.Bytes(), nil
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
