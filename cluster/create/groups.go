package create

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/catalog"
)

// controlPlanes adds the control-plane groups and the etcd clusters whose
// members they hold.
func (b *builder) controlPlanes(context.Context) error {
	o := &b.opts
	zones := o.ControlPlaneZones
	count := int(o.ControlPlaneCount)
	if len(zones) == 0 {
		if count == 0 {
			count = 1
		}
		zones = o.Zones[:min(count, len(o.Zones))]
	}
	if count == 0 {
		count = len(zones)
	}
	var groups []*api.InstanceGroup
	placements := spread(zones, count)
	for i, p := range placements {
		ig, err := b.group(api.RoleMaster, "control-plane-"+p.name, b.cpSubnet(p.zone), o.ControlPlaneSizes, i)
		if err != nil {
			return err
		}
		ig.Spec.AdditionalSecurityGroups = o.ControlPlaneSecurityGroups
		groups = append(groups, ig)
	}
	encrypted := true
	if o.EncryptEtcdStorage != nil {
		encrypted = *o.EncryptEtcdStorage
	}
	for _, etcd := range []struct{ name, cpu string }{{api.EtcdMain, "200m"}, {api.EtcdEvents, "100m"}} {
		ec := api.EtcdCluster{
			Name: etcd.name, CPURequest: etcd.cpu, MemoryRequest: "100Mi",
			Manager: api.Object{"backupRetentionDays": 90},
		}
		for i, ig := range groups {
			// Named after the zone, or numbered when zones repeat.
			name := "etcd-" + strconv.Itoa(i+1)
			if p := placements[i]; p.name == p.zone {
				name = strings.TrimPrefix(p.zone, catalog.RegionOf(p.zone))
			}
			encrypted := encrypted
			ec.Members = append(ec.Members, api.EtcdMember{Name: name, InstanceGroup: ig.Name(), EncryptedVolume: &encrypted})
		}
		b.cluster.Spec.EtcdClusters = append(b.cluster.Spec.EtcdClusters, ec)
	}
	b.groups = append(b.groups, groups...)
	return nil
}

// apiServers adds the APIServer groups, one per zone in turn.
func (b *builder) apiServers(context.Context) error {
	for i, p := range spread(b.opts.Zones, int(b.opts.APIServerCount)) {
		ig, err := b.group(api.RoleAPIServer, "apiserver-"+p.name, b.cpSubnet(p.zone), b.opts.ControlPlaneSizes, i)
		if err != nil {
			return err
		}
		b.groups = append(b.groups, ig)
	}
	return nil
}

// nodes adds a node group per zone sharing out the node count (one per
// zone by default), or one Karpenter group over every zone.
func (b *builder) nodes(context.Context) error {
	o := &b.opts
	count := int(o.NodeCount)
	if count == 0 {
		count = len(o.Zones)
	}
	if strings.EqualFold(o.InstanceManager, "karpenter") {
		var subnets []string
		for _, zone := range o.Zones {
			subnets = append(subnets, b.nodeSubnets(zone)...)
		}
		// Karpenter picks the machines: no machine type, no maximum.
		ig := b.newGroup(api.RoleNode, "nodes", subnets)
		ig.Spec.Manager, ig.Spec.MinSize, ig.Spec.MaxSize = api.ManagerKarpenter, int32p(count), nil
		b.groups = append(b.groups, ig)
		return b.defaultImage(ig)
	}
	for i, zone := range o.Zones {
		share := count / len(o.Zones)
		if i < count%len(o.Zones) {
			share++
		}
		if share == 0 {
			continue
		}
		ig, err := b.group(api.RoleNode, "nodes-"+zone, b.nodeSubnets(zone), o.NodeSizes, i)
		if err != nil {
			return err
		}
		ig.Spec.MinSize, ig.Spec.MaxSize = int32p(share), int32p(share)
		ig.Spec.AdditionalSecurityGroups = o.NodeSecurityGroups
		b.groups = append(b.groups, ig)
	}
	return nil
}

// bastion adds the bastions group, over every zone.
func (b *builder) bastion(context.Context) error {
	if !b.opts.Bastion {
		return nil
	}
	var subnets []string
	for _, zone := range b.opts.Zones {
		subnets = append(subnets, b.zones.primary[zone])
	}
	ig, err := b.group(api.RoleBastion, "bastions", subnets, nil, 0)
	if err != nil {
		return err
	}
	b.groups = append(b.groups, ig)
	if b.cluster.Spec.DNSType() != api.DNSNone {
		b.cluster.Spec.Topology.Bastion = &api.Bastion{PublicName: "bastion." + b.opts.ClusterName}
	}
	return nil
}

// group returns a group of one instance (min = max = 1) of role in
// subnets, with the i-th of sizes (in turn) as its machine type, or the
// default one, and the image its options or its architecture call for.
func (b *builder) group(role, name string, subnets, sizes []string, i int) (*api.InstanceGroup, error) {
	ig := b.newGroup(role, name, subnets)
	if len(sizes) > 0 {
		ig.Spec.MachineType = sizes[i%len(sizes)]
	} else {
		t, err := b.catalog.DefaultInstanceType(role, b.region, imageArch(ig.Spec.Image))
		if err != nil {
			return nil, fmt.Errorf("instance group %s: %w", name, err)
		}
		ig.Spec.MachineType = t
	}
	return ig, b.defaultImage(ig)
}

// newGroup returns a group of one instance of role in subnets, with the
// image and root volume its role's options name.
func (b *builder) newGroup(role, name string, subnets []string) *api.InstanceGroup {
	o := &b.opts
	ig := &api.InstanceGroup{
		APIVersion: api.APIVersion,
		Kind:       api.KindInstanceGroup,
		Metadata: api.ObjectMeta{
			Name:              name,
			Labels:            map[string]string{api.LabelCluster: o.ClusterName},
			CreationTimestamp: b.cluster.Metadata.CreationTimestamp,
		},
		Spec: api.InstanceGroupSpec{
			Role:       role,
			Image:      o.Image,
			MinSize:    int32p(1),
			MaxSize:    int32p(1),
			Subnets:    subnets,
			NodeLabels: map[string]string{api.LabelInstanceGroup: name},
		},
	}
	s := &ig.Spec
	switch role {
	case api.RoleMaster:
		s.Image = orDefault(o.ControlPlaneImage, s.Image)
		s.RootVolumeSize, s.RootVolumeType, s.Tenancy = positive(o.ControlPlaneVolumeSize), o.ControlPlaneVolumeType, o.ControlPlaneTenancy
	case api.RoleNode:
		s.Image = orDefault(o.NodeImage, s.Image)
		s.RootVolumeSize, s.RootVolumeType, s.Tenancy = positive(o.NodeVolumeSize), o.NodeVolumeType, o.NodeTenancy
	}
	return ig
}

// defaultImage gives a group without an image the one kOps' stable
// channel has for the Kubernetes version and the machine's architecture.
func (b *builder) defaultImage(ig *api.InstanceGroup) error {
	if ig.Spec.Image != "" {
		return nil
	}
	arch := catalog.AMD64
	if t, ok := b.catalog.InstanceType(ig.Spec.MachineType); ok {
		arch = t.Arch
	}
	v, _ := api.ParseKubernetesVersion(b.cluster.Spec.KubernetesVersion)
	image, ok := catalog.Image(v.Major, v.Minor, arch)
	if !ok {
		return fmt.Errorf("instance group %s: no default image for Kubernetes %s; name one (--image)", ig.Name(), v)
	}
	ig.Spec.Image = image
	return nil
}

// cpSubnet is the subnet of a control plane (or API server) in zone.
func (b *builder) cpSubnet(zone string) []string {
	if s, ok := b.zones.dualStack[zone]; ok {
		return []string{s}
	}
	return []string{b.zones.primary[zone]}
}

// nodeSubnets are the subnets of the nodes in zone: those of the
// additional network CIDRs there, if any, else the zone's.
func (b *builder) nodeSubnets(zone string) []string {
	if extra := b.zones.additional[zone]; len(extra) > 0 {
		return extra
	}
	return []string{b.zones.primary[zone]}
}

// placement is where one of several groups goes, and the name that tells
// it apart: the zone, or ZONE-N when there are more groups than zones.
type placement struct{ zone, name string }

// spread places count groups over zones in turn.
func spread(zones []string, count int) []placement {
	var out []placement
	for i := range count {
		p := placement{zone: zones[i%len(zones)]}
		p.name = p.zone
		if count > len(zones) {
			p.name += "-" + strconv.Itoa(1+i/len(zones))
		}
		out = append(out, p)
	}
	return out
}

// imageArch guesses the architecture of a named image, "" when unknown.
func imageArch(image string) string {
	if strings.Contains(image, "arm64") || strings.Contains(image, "aarch64") {
		return catalog.ARM64
	}
	return ""
}

func int32p(n int) *int32 {
	v := int32(n)
	return &v
}

// positive returns &n, or nil when n is not positive.
func positive(n int32) *int32 {
	if n <= 0 {
		return nil
	}
	return &n
}
