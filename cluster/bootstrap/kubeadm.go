package bootstrap

import (
	"bytes"
	"net"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"
)

// kubeadm's configuration API: v1beta4 from Kubernetes 1.31, v1beta3 before.
const (
	kubeadmV1beta3 = "kubeadm.k8s.io/v1beta3"
	kubeadmV1beta4 = "kubeadm.k8s.io/v1beta4"
	criSocket      = "unix:///var/run/containerd/containerd.sock"
)

// kubeadmAPIVersion returns the kubeadm configuration API of the plan's
// Kubernetes version.
func (p *plan) kubeadmAPIVersion() string {
	if p.version.MinorAtLeast(1, 31) {
		return kubeadmV1beta4
	}
	return kubeadmV1beta3
}

// The parts of kubeadm's configuration the bootstrap sets; the same in
// v1beta3 and v1beta4 but for kubeletExtraArgs (a map, then a list).
type (
	typeMeta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	initConfiguration struct {
		typeMeta
		BootstrapTokens  []bootstrapToken `json:"bootstrapTokens"`
		CertificateKey   string           `json:"certificateKey"`
		LocalAPIEndpoint apiEndpoint      `json:"localAPIEndpoint"`
		NodeRegistration nodeRegistration `json:"nodeRegistration"`
	}
	bootstrapToken struct {
		Token       string `json:"token"`
		TTL         string `json:"ttl"`
		Description string `json:"description"`
	}
	apiEndpoint struct {
		BindPort int `json:"bindPort"`
	}
	nodeRegistration struct {
		CRISocket        string         `json:"criSocket"`
		KubeletExtraArgs any            `json:"kubeletExtraArgs,omitempty"`
		Taints           []kubeadmTaint `json:"taints,omitempty"`
	}
	kubeadmTaint struct {
		Key    string `json:"key"`
		Value  string `json:"value,omitempty"`
		Effect string `json:"effect"`
	}
	arg struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	clusterConfiguration struct {
		typeMeta
		ClusterName          string `json:"clusterName"`
		KubernetesVersion    string `json:"kubernetesVersion"`
		ControlPlaneEndpoint string `json:"controlPlaneEndpoint"`
		APIServer            struct {
			CertSANs []string `json:"certSANs"`
		} `json:"apiServer"`
		Networking struct {
			PodSubnet     string `json:"podSubnet"`
			ServiceSubnet string `json:"serviceSubnet"`
		} `json:"networking"`
	}
	joinConfiguration struct {
		typeMeta
		Discovery struct {
			BootstrapToken struct {
				APIServerEndpoint string   `json:"apiServerEndpoint"`
				Token             string   `json:"token"`
				CACertHashes      []string `json:"caCertHashes"`
			} `json:"bootstrapToken"`
		} `json:"discovery"`
		NodeRegistration nodeRegistration  `json:"nodeRegistration"`
		ControlPlane     *joinControlPlane `json:"controlPlane,omitempty"`
	}
	joinControlPlane struct {
		CertificateKey   string      `json:"certificateKey"`
		LocalAPIEndpoint apiEndpoint `json:"localAPIEndpoint"`
	}
)

// endpoint is ENDPOINT:PORT, the API as nodes reach it.
func (p *plan) endpoint() string {
	return net.JoinHostPort(p.cfg.APIEndpoint, strconv.Itoa(p.port))
}

// nodeRegistration is what kubeadm registers the node with: the kubelet's
// labels and the taints.
func (p *plan) nodeRegistration() nodeRegistration {
	nr := nodeRegistration{CRISocket: criSocket}
	for _, t := range p.taints {
		nr.Taints = append(nr.Taints, kubeadmTaint{Key: t.key, Value: t.value, Effect: t.effect})
	}
	if len(p.kubeletLabels) == 0 {
		return nr
	}
	labels := make([]string, len(p.kubeletLabels))
	for i, l := range p.kubeletLabels {
		labels[i] = l.String()
	}
	value := strings.Join(labels, ",")
	if p.kubeadmAPIVersion() == kubeadmV1beta3 {
		nr.KubeletExtraArgs = map[string]string{"node-labels": value}
	} else {
		nr.KubeletExtraArgs = []arg{{Name: "node-labels", Value: value}}
	}
	return nr
}

// initConfig returns the InitConfiguration and ClusterConfiguration of the
// control planes, as one YAML stream.
func (p *plan) initConfig() ([]byte, error) {
	s := p.cfg.Secrets
	ic := initConfiguration{
		typeMeta: typeMeta{APIVersion: p.kubeadmAPIVersion(), Kind: "InitConfiguration"},
		// A token that does not expire ("0s"), so that nodes can join
		// whenever autoscaling adds them.
		BootstrapTokens: []bootstrapToken{{
			Token:       s.BootstrapToken,
			TTL:         "0s",
			Description: "drydock: nodes of cluster " + p.cluster + " join with it",
		}},
		CertificateKey:   s.CertificateKey,
		LocalAPIEndpoint: apiEndpoint{BindPort: p.port},
		NodeRegistration: p.nodeRegistration(),
	}
	cc := clusterConfiguration{
		typeMeta:             typeMeta{APIVersion: p.kubeadmAPIVersion(), Kind: "ClusterConfiguration"},
		ClusterName:          p.cluster,
		KubernetesVersion:    "v" + p.version.String(),
		ControlPlaneEndpoint: p.endpoint(),
	}
	cc.APIServer.CertSANs = p.sans
	cc.Networking.PodSubnet = p.net.pods
	cc.Networking.ServiceSubnet = p.net.services
	return yamlStream(ic, cc)
}

// joinConfig returns the JoinConfiguration: with the certificate key on
// control planes.
func (p *plan) joinConfig() ([]byte, error) {
	s := p.cfg.Secrets
	jc := joinConfiguration{
		typeMeta:         typeMeta{APIVersion: p.kubeadmAPIVersion(), Kind: "JoinConfiguration"},
		NodeRegistration: p.nodeRegistration(),
	}
	d := &jc.Discovery.BootstrapToken
	d.APIServerEndpoint = p.endpoint()
	d.Token = s.BootstrapToken
	d.CACertHashes = []string{s.CACertHash}
	if p.role == RoleControlPlane {
		jc.ControlPlane = &joinControlPlane{CertificateKey: s.CertificateKey, LocalAPIEndpoint: apiEndpoint{BindPort: p.port}}
	}
	return yamlStream(jc)
}

// yamlStream marshals each document and separates them with "---".
func yamlStream(docs ...any) ([]byte, error) {
	var buf bytes.Buffer
	for i, doc := range docs {
		b, err := yaml.Marshal(doc)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			buf.WriteString("---\n")
		}
		buf.Write(b)
	}
	return buf.Bytes(), nil
}
