package api

// The API group, version and kinds drydock reads and writes.
const (
	Group             = "kops.k8s.io"
	Version           = "v1alpha2"
	APIVersion        = Group + "/" + Version
	KindCluster       = "Cluster"
	KindInstanceGroup = "InstanceGroup"
)

// Labels kOps puts on instance groups.
const (
	// LabelCluster names the cluster an instance group belongs to.
	LabelCluster = "kops.k8s.io/cluster"
	// LabelInstanceGroup, a node label, names the node's instance group.
	LabelInstanceGroup = "kops.k8s.io/instancegroup"
)

// ObjectMeta is the metadata of a Cluster or an InstanceGroup.
type ObjectMeta struct {
	Name              string            `json:"name,omitempty"`
	Labels            map[string]string `json:"labels,omitzero"`
	Annotations       map[string]string `json:"annotations,omitzero"`
	CreationTimestamp Time              `json:"creationTimestamp,omitzero"`
	Extra             Extra             `json:"-"`
}
