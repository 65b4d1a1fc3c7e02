package create

// Options are the settings of `kops create cluster`, one field per flag.
// The field names are kOps' own (its NewClusterOptions), so the options of
// kOps' test cases read into this struct; the CLI maps its flags (and the
// deprecated --master-* aliases) onto them.
type Options struct {
	// ClusterName is the cluster's DNS-style name, e.g. k8s.example.com.
	ClusterName string
	// CloudProvider must be "aws" (the default).
	CloudProvider string
	// StateStore is the state store URL (s3://bucket); the cluster's
	// configBase is STATESTORE/NAME.
	StateStore string
	// Channel defaults to "stable".
	Channel string
	// KubernetesVersion, with or without v; defaults to DefaultKubernetesVersion.
	KubernetesVersion string

	// Zones are the zones of the nodes (and of the subnets).
	Zones []string
	// ControlPlaneZones are the zones of the control planes; an odd count.
	// Empty: the first ControlPlaneCount of Zones.
	ControlPlaneZones []string
	// ControlPlaneCount defaults to one per control-plane zone, or 1.
	ControlPlaneCount int32
	// APIServerCount adds that many APIServer instance groups.
	APIServerCount int32
	// NodeCount is spread over Zones; defaults to one per zone.
	NodeCount int32
	// InstanceManager "karpenter" makes one Karpenter-managed node group.
	InstanceManager string

	// NodeSizes, ControlPlaneSizes: instance types, used in turn per group.
	NodeSizes         []string
	ControlPlaneSizes []string
	// Image applies to every group; ControlPlaneImage and NodeImage
	// override it for theirs.
	Image, ControlPlaneImage, NodeImage string
	// Root volume of the groups.
	ControlPlaneVolumeSize, NodeVolumeSize int32
	ControlPlaneVolumeType, NodeVolumeType string
	// Tenancy of the groups' instances: default or dedicated.
	ControlPlaneTenancy, NodeTenancy string
	// Security groups added to the groups' instances.
	ControlPlaneSecurityGroups, NodeSecurityGroups []string

	// Networking is the CNI: cilium (default), cilium-eni, calico, …
	Networking string
	// Topology is public (default) or private.
	Topology string
	// Bastion adds a bastion group (private topology only).
	Bastion bool
	// DNSType is public, private or none; default none, or public when
	// DNSZone is set.
	DNSType string
	DNSZone string
	// APILoadBalancerType is public (default) or internal.
	APILoadBalancerType string
	// IPv6 makes an IPv6 cluster: IPv6-only private subnets for the nodes,
	// dual-stack ones for the control planes.
	IPv6 bool

	// NetworkCIDRs: the VPC's CIDR (default 172.20.0.0/16, or the shared
	// VPC's) and additional ones, each of which becomes a subnet.
	NetworkCIDRs []string
	// NetworkID is a shared VPC; SubnetIDs are shared subnets.
	NetworkID string
	SubnetIDs []string
	// Egress is the NAT gateway or instance of shared private subnets.
	Egress string

	// SSHPublicKey is the admin key; the CLI stores it, the spec does not
	// hold it.
	SSHPublicKey string
	// AdminAccess are the CIDRs allowed to the API (and, by default, SSH);
	// default 0.0.0.0/0 and ::/0.
	AdminAccess []string
	SSHAccess   []string

	// CloudLabels, "k1=v1,k2=v2" (values may be double-quoted), tag every
	// resource.
	CloudLabels string
	// EncryptEtcdStorage encrypts the etcd volumes; default true.
	EncryptEtcdStorage *bool
	// KubernetesFeatureGates: "Gate" or "+Gate" enables, "-Gate" disables.
	KubernetesFeatureGates []string
	// DiscoveryStore publishes the service-account issuer (IRSA) there.
	DiscoveryStore string

	// Sets are --set assignments applied last: "cluster.spec.a.b=value".
	Sets []string
}

// DefaultKubernetesVersion is the version a cluster gets when the options
// name none (kOps asks its channel; drydock uses this).
const DefaultKubernetesVersion = "v1.35.0"
