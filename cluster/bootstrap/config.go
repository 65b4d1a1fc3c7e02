package bootstrap

import (
	"encoding/pem"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// DefaultAPIPort is the port of the Kubernetes API on its endpoint and on
// every API server, as in kOps.
const DefaultAPIPort = 443

// Role is what a node is.
type Role string

// Roles of nodes.
const (
	RoleControlPlane Role = "ControlPlane"
	RoleNode         Role = "Node"
	RoleBastion      Role = "Bastion"
)

// RoleOf returns the role of an instance group's machines. kOps'
// APIServer role (API servers without etcd) is not supported.
func RoleOf(ig *api.InstanceGroup) (Role, error) {
	switch ig.Spec.Role {
	case api.RoleMaster, api.RoleControlPlane:
		return RoleControlPlane, nil
	case api.RoleNode:
		return RoleNode, nil
	case api.RoleBastion:
		return RoleBastion, nil
	case "":
		return "", fmt.Errorf("instance group %s has no spec.role", ig.Name())
	}
	return "", fmt.Errorf("instance group %s: role %s is not supported by the kubeadm bootstrap; use Master, Node or Bastion", ig.Name(), ig.Spec.Role)
}

// NodeConfig is what UserData needs to bootstrap the machines of one
// instance group.
type NodeConfig struct {
	Cluster *api.Cluster
	Group   *api.InstanceGroup
	// Secrets are the cluster's (EnsureSecrets). Bastions need none.
	Secrets *Secrets
	// APIEndpoint is the DNS name (or IPv4 address) at which nodes reach
	// the Kubernetes API: api.NAME, or the API load balancer's DNS name.
	APIEndpoint string
	// APIPort is the API's port on the endpoint, and the port API servers
	// listen on; DefaultAPIPort when zero.
	APIPort int
	// InitGroup names the control-plane group whose machine runs kubeadm
	// init when the API does not answer; it must have one machine. By
	// default it is the instance group of the main etcd cluster's members
	// whose name sorts first. Give every group of the cluster the same.
	InitGroup string
}

// hostPattern is what APIEndpoint may be: a DNS name or an IPv4 address.
// It keeps the endpoint safe to write into a shell script unquoted.
var hostPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

// plan is a NodeConfig checked and resolved into what the output needs.
type plan struct {
	cfg     NodeConfig
	cluster string
	group   string
	role    Role
	version api.KubernetesVersion
	port    int
	// init: this group's machine initialises the cluster when the API
	// does not answer.
	init bool
	net  subnets
	// kubeletLabels the kubelet sets with --node-labels; adminLabels are
	// put on control planes with kubectl. Both sorted by key.
	kubeletLabels, adminLabels []label
	taints                     []taint
	sans                       []string
}

// resolve checks cfg and works out what the user data needs.
func resolve(cfg NodeConfig) (*plan, error) {
	if cfg.Cluster == nil || cfg.Group == nil {
		return nil, errors.New("user data: NodeConfig needs a Cluster and a Group")
	}
	p := &plan{cfg: cfg, cluster: cfg.Cluster.Name(), group: cfg.Group.Name(), port: cfg.APIPort}
	if p.cluster == "" || p.group == "" {
		return nil, fmt.Errorf("user data: the cluster and the instance group need names (cluster %q, group %q)", p.cluster, p.group)
	}
	if err := p.resolve(); err != nil {
		return nil, fmt.Errorf("user data of instance group %s of cluster %s: %w", p.group, p.cluster, err)
	}
	return p, nil
}

func (p *plan) resolve() error {
	cfg, spec := p.cfg, &p.cfg.Cluster.Spec
	var err error
	if p.role, err = RoleOf(cfg.Group); err != nil {
		return err
	}
	if p.version, err = api.ParseKubernetesVersion(spec.KubernetesVersion); err != nil {
		return fmt.Errorf("spec.kubernetesVersion: %w", err)
	}
	if p.version.Pre != "" || !p.version.MinorAtLeast(1, 24) {
		return fmt.Errorf("spec.kubernetesVersion %s: the bootstrap installs released packages from pkgs.k8s.io, which has Kubernetes 1.24 and later", spec.KubernetesVersion)
	}
	if p.port == 0 {
		p.port = DefaultAPIPort
	}
	if p.port < 1 || p.port > 65535 {
		return fmt.Errorf("API port %d is not a TCP port", p.port)
	}
	// Bastions need no endpoint, but one given must be valid.
	if (cfg.APIEndpoint != "" || p.role != RoleBastion) && !hostPattern.MatchString(cfg.APIEndpoint) {
		return fmt.Errorf("API endpoint %q is not a DNS name or an IPv4 address", cfg.APIEndpoint)
	}
	if p.role == RoleBastion {
		return nil
	}
	if err := p.checkSecrets(); err != nil {
		return err
	}
	if p.net, err = clusterSubnets(spec); err != nil {
		return err
	}
	labels, err := nodeLabels(cfg.Group.Spec.NodeLabels)
	if err != nil {
		return err
	}
	for _, l := range labels {
		if kubeletMaySet(l.key) {
			p.kubeletLabels = append(p.kubeletLabels, l)
		} else {
			p.adminLabels = append(p.adminLabels, l)
		}
	}
	if p.taints, err = parseTaints(cfg.Group.Spec.Taints); err != nil {
		return err
	}
	if p.role != RoleControlPlane {
		return nil
	}
	p.taints = withControlPlaneTaint(p.taints)
	initGroup, err := initGroup(cfg)
	if err != nil {
		return err
	}
	p.init = initGroup == p.group
	p.sans = certSANs(cfg.APIEndpoint, spec)
	return nil
}

// checkSecrets checks the secrets that the role needs are there and well
// formed, without quoting them.
func (p *plan) checkSecrets() error {
	s := p.cfg.Secrets
	if s == nil {
		return errors.New("no bootstrap secrets (EnsureSecrets)")
	}
	if !tokenPattern.MatchString(s.BootstrapToken) {
		return errors.New("the bootstrap token is not of the form [a-z0-9]{6}.[a-z0-9]{16}")
	}
	if !hashPattern.MatchString(s.CACertHash) {
		return errors.New("the CA certificate hash is not of the form sha256:HEX")
	}
	if len(s.CACertPEM) > 0 {
		hash, err := CACertHash(s.CACertPEM)
		if err != nil {
			return fmt.Errorf("the CA certificate: %w", err)
		}
		if hash != s.CACertHash {
			return fmt.Errorf("the CA certificate hash %s is not that of the CA certificate (%s)", s.CACertHash, hash)
		}
	}
	if p.role != RoleControlPlane {
		return nil
	}
	if !certKeyPattern.MatchString(s.CertificateKey) {
		return errors.New("the certificate key is not 64 hex digits")
	}
	if len(s.CACertPEM) == 0 {
		return errors.New("control planes need the CA certificate")
	}
	if b, _ := pem.Decode(s.CAKeyPEM); b == nil || !strings.HasSuffix(b.Type, "PRIVATE KEY") {
		return errors.New("control planes need the CA key, in PEM")
	}
	return nil
}

// initGroup returns the control-plane group that initialises the cluster:
// cfg.InitGroup, else the first by name of the main etcd cluster's
// members' groups.
func initGroup(cfg NodeConfig) (string, error) {
	if cfg.InitGroup != "" {
		return cfg.InitGroup, nil
	}
	var groups []string
	for _, etcd := range cfg.Cluster.Spec.EtcdClusters {
		if etcd.Name != api.EtcdMain {
			continue
		}
		for _, m := range etcd.Members {
			if m.InstanceGroup != "" {
				groups = append(groups, m.InstanceGroup)
			}
		}
	}
	if len(groups) == 0 {
		return "", fmt.Errorf("no member of etcd cluster %q names an instance group, so no control plane is known to initialise the cluster; add spec.etcdClusters or set NodeConfig.InitGroup", api.EtcdMain)
	}
	return slices.Min(groups), nil
}

// certSANs returns the names the API server certificate is for: the
// endpoint and the cluster's API names, sorted, once each.
func certSANs(endpoint string, spec *api.ClusterSpec) []string {
	sans := []string{endpoint}
	for _, name := range []string{spec.MasterPublicName, spec.MasterInternalName} {
		if name != "" {
			sans = append(sans, name)
		}
	}
	slices.Sort(sans)
	return slices.Compact(sans)
}
