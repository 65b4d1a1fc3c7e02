package api

import "sort"

// Names of the etcd clusters kOps runs.
const (
	EtcdMain   = "main"
	EtcdEvents = "events"
)

// EtcdCluster is one entry of spec.etcdClusters.
type EtcdCluster struct {
	Name          string       `json:"name,omitempty"`
	Members       []EtcdMember `json:"etcdMembers,omitzero"`
	CPURequest    string       `json:"cpuRequest,omitempty"`
	MemoryRequest string       `json:"memoryRequest,omitempty"`
	// Manager configures etcd-manager (backups, environment); opaque.
	Manager Object `json:"manager,omitzero"`
	Extra   Extra  `json:"-"`
}

// EtcdMember is one member of an etcd cluster, on the volume of a control
// plane of its instance group.
type EtcdMember struct {
	Name             string `json:"name,omitempty"`
	InstanceGroup    string `json:"instanceGroup,omitempty"`
	EncryptedVolume  *bool  `json:"encryptedVolume,omitempty"`
	VolumeType       string `json:"volumeType,omitempty"`
	VolumeSize       *int32 `json:"volumeSize,omitempty"`
	VolumeIOPS       *int32 `json:"volumeIops,omitempty"`
	VolumeThroughput *int32 `json:"volumeThroughput,omitempty"`
	Extra            Extra  `json:"-"`
}

// Networking is spec.networking: one member naming the CNI provider
// (cilium, calico, amazonvpc, kindnet, cni, …) whose settings drydock keeps
// opaque.
type Networking map[string]Object

// Provider returns the name of the CNI provider, or "" when there is none.
// With several (an invalid spec) it returns the first in sorted order.
func (n Networking) Provider() string {
	names := make([]string, 0, len(n))
	for k := range n {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}
