package api

// Cluster is a kops.k8s.io/v1alpha2 Cluster.
type Cluster struct {
	APIVersion string      `json:"apiVersion,omitempty"`
	Kind       string      `json:"kind,omitempty"`
	Metadata   ObjectMeta  `json:"metadata,omitzero"`
	Spec       ClusterSpec `json:"spec,omitzero"`
	Extra      Extra       `json:"-"`
}

// Cloud providers; drydock rehearses AWS only.
const CloudProviderAWS = "aws"

// ClusterSpec is the spec of a Cluster, with v1alpha2's field names.
type ClusterSpec struct {
	Channel                string            `json:"channel,omitempty"`
	ConfigBase             string            `json:"configBase,omitempty"`
	CloudProvider          string            `json:"cloudProvider,omitempty"`
	KubernetesVersion      string            `json:"kubernetesVersion,omitempty"`
	Subnets                []Subnet          `json:"subnets,omitzero"`
	MasterPublicName       string            `json:"masterPublicName,omitempty"`
	MasterInternalName     string            `json:"masterInternalName,omitempty"`
	NetworkCIDR            string            `json:"networkCIDR,omitempty"`
	AdditionalNetworkCIDRs []string          `json:"additionalNetworkCIDRs,omitzero"`
	NetworkID              string            `json:"networkID,omitempty"`
	Topology               *Topology         `json:"topology,omitempty"`
	DNSZone                string            `json:"dnsZone,omitempty"`
	SSHAccess              []string          `json:"sshAccess,omitzero"`
	KubernetesAPIAccess    []string          `json:"kubernetesApiAccess,omitzero"`
	SSHKeyName             *string           `json:"sshKeyName,omitempty"`
	NonMasqueradeCIDR      string            `json:"nonMasqueradeCIDR,omitempty"`
	EtcdClusters           []EtcdCluster     `json:"etcdClusters,omitzero"`
	Networking             Networking        `json:"networking,omitzero"`
	API                    *API              `json:"api,omitempty"`
	Authorization          Object            `json:"authorization,omitzero"`
	CloudLabels            map[string]string `json:"cloudLabels,omitzero"`
	IAM                    *IAM              `json:"iam,omitempty"`
	RollingUpdate          *RollingUpdate    `json:"rollingUpdate,omitempty"`

	// Components drydock carries through without rehearsing them.
	Kubelet                Object `json:"kubelet,omitzero"`
	KubeAPIServer          Object `json:"kubeAPIServer,omitzero"`
	KubeControllerManager  Object `json:"kubeControllerManager,omitzero"`
	KubeScheduler          Object `json:"kubeScheduler,omitzero"`
	KubeProxy              Object `json:"kubeProxy,omitzero"`
	CloudConfig            Object `json:"cloudConfig,omitzero"`
	CloudControllerManager Object `json:"cloudControllerManager,omitzero"`

	Extra Extra `json:"-"`
}

// Subnet types.
const (
	SubnetPublic    = "Public"
	SubnetPrivate   = "Private"
	SubnetUtility   = "Utility"
	SubnetDualStack = "DualStack"
)

// Subnet is one entry of spec.subnets.
type Subnet struct {
	Name     string `json:"name,omitempty"`
	Zone     string `json:"zone,omitempty"`
	CIDR     string `json:"cidr,omitempty"`
	IPv6CIDR string `json:"ipv6CIDR,omitempty"`
	Type     string `json:"type,omitempty"`
	// ID names an existing (shared) subnet.
	ID string `json:"id,omitempty"`
	// Egress names the NAT gateway or instance of a shared private subnet.
	Egress string `json:"egress,omitempty"`
	Extra  Extra  `json:"-"`
}

// DNS types of spec.topology.dns.type.
const (
	DNSPublic  = "Public"
	DNSPrivate = "Private"
	DNSNone    = "None"
)

// Topology is spec.topology.
type Topology struct {
	DNS     *DNSTopology `json:"dns,omitempty"`
	Bastion *Bastion     `json:"bastion,omitempty"`
	Extra   Extra        `json:"-"`
}

// DNSTopology is spec.topology.dns.
type DNSTopology struct {
	Type  string `json:"type,omitempty"`
	Extra Extra  `json:"-"`
}

// Bastion is spec.topology.bastion.
type Bastion struct {
	PublicName string `json:"bastionPublicName,omitempty"`
	Extra      Extra  `json:"-"`
}

// API is spec.api: how clients reach the Kubernetes API.
type API struct {
	DNS          *APIDNS       `json:"dns,omitempty"`
	LoadBalancer *LoadBalancer `json:"loadBalancer,omitempty"`
	Extra        Extra         `json:"-"`
}

// APIDNS is spec.api.dns: DNS records pointing at the control planes.
type APIDNS struct {
	Extra Extra `json:"-"`
}

// Load balancer types and classes.
const (
	LoadBalancerPublic   = "Public"
	LoadBalancerInternal = "Internal"
	LoadBalancerNetwork  = "Network"
	LoadBalancerClassic  = "Classic"
)

// LoadBalancer is spec.api.loadBalancer.
type LoadBalancer struct {
	Type  string `json:"type,omitempty"`
	Class string `json:"class,omitempty"`
	Extra Extra  `json:"-"`
}

// IAM is spec.iam.
type IAM struct {
	AllowContainerRegistry *bool `json:"allowContainerRegistry,omitempty"`
	Legacy                 *bool `json:"legacy,omitempty"`
	Extra                  Extra `json:"-"`
}

// RollingUpdate is the rollingUpdate of a cluster or an instance group.
type RollingUpdate struct {
	DrainAndTerminate *bool        `json:"drainAndTerminate,omitempty"`
	MaxUnavailable    *IntOrString `json:"maxUnavailable,omitempty"`
	MaxSurge          *IntOrString `json:"maxSurge,omitempty"`
	Extra             Extra        `json:"-"`
}

// Name returns metadata.name.
func (c *Cluster) Name() string { return c.Metadata.Name }

// Subnet returns the subnet named name, or nil.
func (s *ClusterSpec) Subnet(name string) *Subnet {
	for i := range s.Subnets {
		if s.Subnets[i].Name == name {
			return &s.Subnets[i]
		}
	}
	return nil
}

// DNSType returns spec.topology.dns.type, or "" when unset.
func (s *ClusterSpec) DNSType() string {
	if s.Topology == nil || s.Topology.DNS == nil {
		return ""
	}
	return s.Topology.DNS.Type
}
