package api

// InstanceGroup is a kops.k8s.io/v1alpha2 InstanceGroup: an autoscaling
// group of machines with one role.
type InstanceGroup struct {
	APIVersion string            `json:"apiVersion,omitempty"`
	Kind       string            `json:"kind,omitempty"`
	Metadata   ObjectMeta        `json:"metadata,omitzero"`
	Spec       InstanceGroupSpec `json:"spec,omitzero"`
	Extra      Extra             `json:"-"`
}

// Instance group roles. v1alpha2 writes RoleMaster for the control plane
// and also reads RoleControlPlane.
const (
	RoleMaster       = "Master"
	RoleControlPlane = "ControlPlane"
	RoleNode         = "Node"
	RoleBastion      = "Bastion"
	RoleAPIServer    = "APIServer"
)

// Instance group managers.
const (
	ManagerCloudGroup = "CloudGroup"
	ManagerKarpenter  = "Karpenter"
)

// InstanceGroupSpec is the spec of an InstanceGroup.
type InstanceGroupSpec struct {
	Role                     string                `json:"role,omitempty"`
	Manager                  string                `json:"manager,omitempty"`
	Image                    string                `json:"image,omitempty"`
	MachineType              string                `json:"machineType,omitempty"`
	MinSize                  *int32                `json:"minSize,omitempty"`
	MaxSize                  *int32                `json:"maxSize,omitempty"`
	Subnets                  []string              `json:"subnets,omitzero"`
	RootVolumeSize           *int32                `json:"rootVolumeSize,omitempty"`
	RootVolumeType           string                `json:"rootVolumeType,omitempty"`
	RootVolumeIOPS           *int32                `json:"rootVolumeIops,omitempty"`
	RootVolumeThroughput     *int32                `json:"rootVolumeThroughput,omitempty"`
	RootVolumeEncryption     *bool                 `json:"rootVolumeEncryption,omitempty"`
	NodeLabels               map[string]string     `json:"nodeLabels,omitzero"`
	Taints                   []string              `json:"taints,omitzero"`
	CloudLabels              map[string]string     `json:"cloudLabels,omitzero"`
	RollingUpdate            *RollingUpdate        `json:"rollingUpdate,omitempty"`
	MixedInstancesPolicy     *MixedInstancesPolicy `json:"mixedInstancesPolicy,omitempty"`
	AdditionalSecurityGroups []string              `json:"additionalSecurityGroups,omitzero"`
	AssociatePublicIP        *bool                 `json:"associatePublicIp,omitempty"`
	MaxPrice                 *string               `json:"maxPrice,omitempty"`
	Tenancy                  string                `json:"tenancy,omitempty"`

	// Kubelet overrides the cluster's kubelet settings; opaque.
	Kubelet Object `json:"kubelet,omitzero"`

	Extra Extra `json:"-"`
}

// MixedInstancesPolicy is spec.mixedInstancesPolicy: several instance
// types, on-demand and spot, in one group.
type MixedInstancesPolicy struct {
	Instances                  []string `json:"instances,omitzero"`
	OnDemandAllocationStrategy string   `json:"onDemandAllocationStrategy,omitempty"`
	OnDemandBase               *int64   `json:"onDemandBase,omitempty"`
	OnDemandAboveBase          *int64   `json:"onDemandAboveBase,omitempty"`
	SpotAllocationStrategy     string   `json:"spotAllocationStrategy,omitempty"`
	SpotInstancePools          *int64   `json:"spotInstancePools,omitempty"`
	Extra                      Extra    `json:"-"`
}

// Name returns metadata.name.
func (ig *InstanceGroup) Name() string { return ig.Metadata.Name }

// IsControlPlane reports whether the group runs control planes.
func (ig *InstanceGroup) IsControlPlane() bool {
	return ig.Spec.Role == RoleMaster || ig.Spec.Role == RoleControlPlane
}

// IsKarpenter reports whether Karpenter, not an autoscaling group, manages
// the group's machines.
func (ig *InstanceGroup) IsKarpenter() bool { return ig.Spec.Manager == ManagerKarpenter }
