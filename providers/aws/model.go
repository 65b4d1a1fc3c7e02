package aws

import (
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/catalog"
	"github.com/drydock-sandbox/drydock/providers"
)

// PlaceholderIP is the address kOps gives API records before anything has
// published the control planes' addresses (validate checks it is gone).
const PlaceholderIP = "203.0.113.123"

// model is the tasks of one cluster, built from its spec.
type model struct {
	cluster string
	region  string
	tasks   []task
}

func (m *model) add(ts ...task) {
	m.tasks = append(m.tasks, ts...)
}

// builder holds what buildModel shares between its steps.
type builder struct {
	spec    *providers.Spec
	c       *api.Cluster
	name    string
	m       *model
	vpc     *vpcTask
	igw     *internetGatewayTask
	subnets map[string]*subnetTask // by spec name
	sgs     map[string]*securityGroupTask
	roles   map[string]*iamInstanceProfileTask
	sshKey  *sshKeyTask
	tg      *targetGroupTask
	lb      *nlbTask
}

// buildModel turns a cluster spec into tasks. It checks what the driver
// needs to know and the spec's validation does not.
func buildModel(spec *providers.Spec) (*model, error) {
	c := spec.Cluster
	if c == nil {
		return nil, fmt.Errorf("no cluster")
	}
	if c.Spec.CloudProvider != "" && c.Spec.CloudProvider != api.CloudProviderAWS {
		return nil, fmt.Errorf("cluster %s is for cloud %q; this driver is for aws", c.Name(), c.Spec.CloudProvider)
	}
	if len(c.Spec.Subnets) == 0 {
		return nil, fmt.Errorf("cluster %s has no subnets", c.Name())
	}
	b := &builder{
		spec: spec, c: c, name: c.Name(),
		m:       &model{cluster: c.Name(), region: catalog.RegionOf(c.Spec.Subnets[0].Zone)},
		subnets: map[string]*subnetTask{},
		sgs:     map[string]*securityGroupTask{},
		roles:   map[string]*iamInstanceProfileTask{},
	}
	for _, s := range c.Spec.Subnets {
		if r := catalog.RegionOf(s.Zone); r != b.m.region {
			return nil, fmt.Errorf("subnet %s is in zone %s of region %s; the cluster's other subnets are in %s", s.Name, s.Zone, r, b.m.region)
		}
	}
	for _, step := range []func() error{b.network, b.securityGroups, b.iam, b.sshKeyPair, b.etcdVolumes, b.apiLoadBalancer, b.dns, b.groups} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return b.m, nil
}

// tags returns the cloud labels, the ownership tags and Name, plus extra.
func (b *builder) tags(name string, extra ...map[string]string) map[string]string {
	t := maps.Clone(b.c.Spec.CloudLabels)
	if t == nil {
		t = map[string]string{}
	}
	maps.Copy(t, OwnershipTags(b.name))
	if name != "" {
		t[TagName] = name
	}
	for _, e := range extra {
		maps.Copy(t, e)
	}
	return t
}

func (b *builder) network() error {
	spec := &b.c.Spec
	b.vpc = &vpcTask{Name: b.name, Cluster: b.name, CIDR: spec.NetworkCIDR, DNSHostnames: true, DNSSupport: true, Tags: b.tags(b.name)}
	shared := spec.NetworkID != ""
	if shared {
		b.vpc = &vpcTask{Name: b.name, Cluster: b.name, Shared: true, SharedID: spec.NetworkID}
	} else if spec.NetworkCIDR == "" {
		return fmt.Errorf("cluster %s has no spec.networkCIDR", b.name)
	}
	b.m.add(b.vpc)
	if !shared {
		domain := b.m.region + ".compute.internal"
		if b.m.region == "us-east-1" {
			domain = "ec2.internal"
		}
		dhcp := &dhcpOptionsTask{Name: b.name, Cluster: b.name, DomainName: domain, DomainNameServers: []string{"AmazonProvidedDNS"}, Tags: b.tags(b.name)}
		b.m.add(dhcp, &vpcDHCPAssociationTask{Name: b.name, VPC: b.vpc, DHCP: dhcp})
	}

	public := false
	for _, s := range spec.Subnets {
		t := &subnetTask{Name: s.Name + "." + b.name, Cluster: b.name, VPC: b.vpc, Zone: s.Zone, CIDR: s.CIDR, SharedID: s.ID}
		role := TagELBRole
		if s.Type == api.SubnetPrivate {
			role = TagInternalELBRole
		} else {
			public = true
		}
		t.Tags = b.tags(t.Name, map[string]string{TagSubnetType: s.Type, role: "1"})
		if s.ID == "" && s.CIDR == "" {
			return fmt.Errorf("subnet %s has neither a cidr nor an id", s.Name)
		}
		b.subnets[s.Name] = t
		b.m.add(t)
	}
	if public {
		b.igw = &internetGatewayTask{Name: b.name, Cluster: b.name, VPC: b.vpc, Tags: b.tags(b.name), Shared: shared}
		rt := &routeTableTask{Name: b.name, Cluster: b.name, VPC: b.vpc, Tags: b.tags(b.name, map[string]string{TagKopsRole: "public"})}
		b.m.add(b.igw, rt, &routeTask{Name: "0.0.0.0/0", Table: rt, CIDR: "0.0.0.0/0", IGW: b.igw})
		for _, s := range spec.Subnets {
			if s.Type != api.SubnetPrivate && s.ID == "" {
				st := b.subnets[s.Name]
				b.m.add(&routeTableAssociationTask{Name: st.Name, Table: rt, Subnet: st})
			}
		}
	}
	// Per zone with private subnets: a NAT gateway in the zone's utility
	// subnet and a private route table through it.
	for _, s := range spec.Subnets {
		if s.Type != api.SubnetPrivate || s.ID != "" {
			continue
		}
		zone := s.Zone
		rtName := "private-" + zone + "." + b.name
		nat, err := b.natGateway(zone, s.Egress)
		if err != nil {
			return err
		}
		rt := &routeTableTask{Name: rtName, Cluster: b.name, VPC: b.vpc, Tags: b.tags(rtName, map[string]string{TagKopsRole: "private-" + zone})}
		st := b.subnets[s.Name]
		b.m.add(rt, &routeTableAssociationTask{Name: st.Name, Table: rt, Subnet: st})
		if nat != nil {
			b.m.add(&routeTask{Name: "private-" + zone + "-0.0.0.0/0", Table: rt, CIDR: "0.0.0.0/0", NAT: nat})
		}
	}
	return nil
}

// natGateway returns the NAT gateway of a zone: a shared one named by
// egress, none for "External", else a new one in the zone's utility subnet.
func (b *builder) natGateway(zone, egress string) (*natGatewayTask, error) {
	name := zone + "." + b.name
	for _, t := range b.m.tasks {
		if n, ok := t.(*natGatewayTask); ok && n.Name == name {
			return n, nil
		}
	}
	switch {
	case egress == "External":
		return nil, nil
	case strings.HasPrefix(egress, "nat-"):
		n := &natGatewayTask{Name: name, Cluster: b.name, SharedID: egress}
		b.m.add(n)
		return n, nil
	case egress != "":
		return nil, fmt.Errorf("subnet egress %q: drydock supports nat-… and External", egress)
	}
	var utility *subnetTask
	for _, s := range b.c.Spec.Subnets {
		if s.Zone == zone && (s.Type == api.SubnetUtility || s.Type == api.SubnetPublic) {
			utility = b.subnets[s.Name]
			break
		}
	}
	if utility == nil {
		return nil, fmt.Errorf("zone %s has a private subnet but no utility subnet for its NAT gateway", zone)
	}
	eip := &elasticIPTask{Name: name, Cluster: b.name, Tags: b.tags(name)}
	n := &natGatewayTask{Name: name, Cluster: b.name, Subnet: utility, EIP: eip, IGW: b.igw, Tags: b.tags(name)}
	b.m.add(eip, n)
	return n, nil
}

func (b *builder) hasRole(roles ...string) bool {
	for _, ig := range b.spec.Groups {
		if slices.Contains(roles, ig.Spec.Role) {
			return true
		}
	}
	return false
}

func (b *builder) securityGroups() error {
	sg := func(short, desc string) *securityGroupTask {
		name := short + "." + b.name
		t := &securityGroupTask{Name: name, Cluster: b.name, VPC: b.vpc, Description: desc, Tags: b.tags(name)}
		b.sgs[short] = t
		b.m.add(t)
		return t
	}
	masters := sg("masters", "Security group for masters")
	nodes := sg("nodes", "Security group for nodes")
	var bastion, elb *securityGroupTask
	if b.hasRole(api.RoleBastion) {
		bastion = sg("bastion", "Security group for bastion")
	}
	if b.c.Spec.API != nil && b.c.Spec.API.LoadBalancer != nil {
		elb = sg("api-elb", "Security group for api ELB")
	}

	rule := func(g *securityGroupTask, egress bool, proto string, from, to int32, cidr string, src *securityGroupTask) {
		source := cidr
		if src != nil {
			source = src.Name
		}
		name := ruleName(source, egress, proto, from, to, g.Name)
		b.m.add(&securityGroupRuleTask{Name: name, Group: g, Egress: egress, Protocol: proto, FromPort: from, ToPort: to,
			CIDR: cidr, Source: src, Tags: b.tags(name)})
	}
	egressAll := func(g *securityGroupTask) {
		rule(g, true, "-1", 0, 0, "0.0.0.0/0", nil)
		rule(g, true, "-1", 0, 0, "::/0", nil)
	}
	for _, g := range []*securityGroupTask{masters, nodes, bastion, elb} {
		if g != nil {
			egressAll(g)
		}
	}
	rule(masters, false, "-1", 0, 0, "", masters)
	rule(nodes, false, "-1", 0, 0, "", masters)
	rule(nodes, false, "-1", 0, 0, "", nodes)
	rule(masters, false, "tcp", 1, 2379, "", nodes)
	rule(masters, false, "tcp", 2382, 4000, "", nodes)
	rule(masters, false, "tcp", 4003, 65535, "", nodes)
	rule(masters, false, "udp", 1, 65535, "", nodes)

	ssh := b.c.Spec.SSHAccess
	if ssh == nil {
		ssh = []string{"0.0.0.0/0", "::/0"}
	}
	for _, cidr := range ssh {
		if bastion != nil {
			rule(bastion, false, "tcp", 22, 22, cidr, nil)
			continue
		}
		rule(masters, false, "tcp", 22, 22, cidr, nil)
		rule(nodes, false, "tcp", 22, 22, cidr, nil)
	}
	if bastion != nil {
		rule(masters, false, "tcp", 22, 22, "", bastion)
		rule(nodes, false, "tcp", 22, 22, "", bastion)
	}
	access := b.c.Spec.KubernetesAPIAccess
	if access == nil {
		access = []string{"0.0.0.0/0", "::/0"}
	}
	for _, cidr := range access {
		// The NLB keeps the client's address, so the control planes
		// allow the same sources as the load balancer.
		rule(masters, false, "tcp", 443, 443, cidr, nil)
		if elb != nil {
			rule(elb, false, "tcp", 443, 443, cidr, nil)
		}
	}
	if elb != nil {
		rule(masters, false, "tcp", 443, 443, "", elb)
		rule(elb, false, "icmp", 3, 4, "0.0.0.0/0", nil)
		if b.c.Spec.API.LoadBalancer.Type == api.LoadBalancerInternal {
			rule(elb, false, "tcp", 443, 443, b.vpcCIDR(), nil)
		}
	}
	return nil
}

func (b *builder) vpcCIDR() string {
	if b.c.Spec.NetworkCIDR != "" {
		return b.c.Spec.NetworkCIDR
	}
	return "0.0.0.0/0"
}

func (b *builder) iam() error {
	for _, r := range []struct {
		short  string
		roles  []string
		policy string
	}{
		{"masters", []string{api.RoleMaster, api.RoleControlPlane, api.RoleAPIServer}, controlPlanePolicy(b.name)},
		{"nodes", []string{api.RoleNode}, nodePolicy()},
		{"bastions", []string{api.RoleBastion}, bastionPolicy()},
	} {
		if r.short != "masters" && r.short != "nodes" && !b.hasRole(r.roles...) {
			continue
		}
		name := r.short + "." + b.name
		role := &iamRoleTask{Name: name, Cluster: b.name, AssumeRolePolicy: ec2AssumeRolePolicy, Tags: b.tags(name)}
		profile := &iamInstanceProfileTask{Name: name, Cluster: b.name, Tags: b.tags(name)}
		b.m.add(role, &iamRolePolicyTask{Name: name, Role: role, PolicyDocument: r.policy}, profile,
			&iamInstanceProfileRoleTask{Name: name, Profile: profile, Role: role})
		b.roles[r.short] = profile
	}
	return nil
}

func (b *builder) sshKeyPair() error {
	if b.c.Spec.SSHKeyName != nil || len(b.spec.SSHPublicKey) == 0 {
		return nil
	}
	fp, err := sshFingerprint(b.spec.SSHPublicKey)
	if err != nil {
		return err
	}
	name := "kubernetes." + b.name + "-" + fp
	b.sshKey = &sshKeyTask{Name: name, Cluster: b.name, PublicKey: b.spec.SSHPublicKey, Tags: b.tags(name)}
	b.m.add(b.sshKey)
	return nil
}

// sshFingerprint is the MD5 fingerprint of an OpenSSH public key, in
// colon-separated hex as kOps names the key pair.
func sshFingerprint(key []byte) (string, error) {
	fields := strings.Fields(string(key))
	if len(fields) < 2 {
		return "", fmt.Errorf("the stored SSH public key is not in OpenSSH format")
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return "", fmt.Errorf("the stored SSH public key is not in OpenSSH format: %w", err)
	}
	sum := md5.Sum(blob)
	parts := make([]string, len(sum))
	for i, x := range sum {
		parts[i] = fmt.Sprintf("%02x", x)
	}
	return strings.Join(parts, ":"), nil
}

func (b *builder) group(name string) *api.InstanceGroup {
	for _, ig := range b.spec.Groups {
		if ig.Name() == name {
			return ig
		}
	}
	return nil
}

func (b *builder) etcdVolumes() error {
	for _, ec := range b.c.Spec.EtcdClusters {
		var members []string
		for _, m := range ec.Members {
			members = append(members, m.Name)
		}
		all := strings.Join(members, ",")
		for _, m := range ec.Members {
			ig := b.group(m.InstanceGroup)
			if ig == nil {
				return fmt.Errorf("etcd cluster %s member %s: instance group %q not found", ec.Name, m.Name, m.InstanceGroup)
			}
			if len(ig.Spec.Subnets) == 0 || b.c.Spec.Subnet(ig.Spec.Subnets[0]) == nil {
				return fmt.Errorf("etcd cluster %s member %s: instance group %s has no subnet of the cluster", ec.Name, m.Name, ig.Name())
			}
			size := int32(20)
			if m.VolumeSize != nil {
				size = *m.VolumeSize
			}
			vtype := "gp3"
			if m.VolumeType != "" {
				vtype = m.VolumeType
			}
			name := m.Name + ".etcd-" + ec.Name + "." + b.name
			b.m.add(&ebsVolumeTask{
				Name: name, Cluster: b.name, Zone: b.c.Spec.Subnet(ig.Spec.Subnets[0]).Zone, SizeGiB: size, VolumeType: vtype,
				Encrypted: m.EncryptedVolume == nil || *m.EncryptedVolume,
				Tags: b.tags(name, map[string]string{
					TagEtcdPrefix + ec.Name: m.Name + "/" + all, TagRoleControlPlane: "1", TagRoleMaster: "1",
				}),
			})
		}
	}
	return nil
}

func (b *builder) apiLoadBalancer() error {
	if b.c.Spec.API == nil || b.c.Spec.API.LoadBalancer == nil {
		return nil
	}
	lbSpec := b.c.Spec.API.LoadBalancer
	if lbSpec.Class == api.LoadBalancerClassic {
		return fmt.Errorf("spec.api.loadBalancer.class Classic: drydock rehearses Network load balancers only")
	}
	internal := lbSpec.Type == api.LoadBalancerInternal
	// One subnet per zone: utility (or public) subnets for an
	// internet-facing balancer, private ones for an internal one.
	var subnets []*subnetTask
	zones := map[string]bool{}
	for _, s := range b.c.Spec.Subnets {
		want := s.Type != api.SubnetPrivate
		if internal {
			want = s.Type == api.SubnetPrivate
		}
		if want && !zones[s.Zone] {
			zones[s.Zone] = true
			subnets = append(subnets, b.subnets[s.Name])
		}
	}
	if len(subnets) == 0 {
		return fmt.Errorf("the API load balancer needs subnets of type %s", map[bool]string{false: "Public or Utility", true: "Private"}[internal])
	}
	name := "api." + b.name
	b.lb = &nlbTask{Name: name, Cluster: b.name, AWSName: LoadBalancerName("api", b.name), Internal: internal,
		Subnets: subnets, SecurityGroups: []*securityGroupTask{b.sgs["api-elb"]}, Tags: b.tags(name)}
	tgName := "tcp." + b.name
	b.tg = &targetGroupTask{Name: tgName, Cluster: b.name, AWSName: TargetGroupName("tcp", b.name), VPC: b.vpc, Port: 443, Protocol: "TCP", Tags: b.tags(tgName)}
	b.m.add(b.lb, b.tg, &listenerTask{Name: name + "-443", LB: b.lb, Port: 443, Protocol: "TCP", TargetGroup: b.tg})
	return nil
}

// dnsZoneName is spec.dnsZone, or the cluster name's parent domain.
func (b *builder) dnsZoneName() string {
	if z := strings.TrimSuffix(b.c.Spec.DNSZone, "."); z != "" {
		return z
	}
	_, parent, _ := strings.Cut(b.name, ".")
	return parent
}

func (b *builder) dns() error {
	dnsType := b.c.Spec.DNSType()
	if dnsType != api.DNSPublic && dnsType != api.DNSPrivate || strings.HasSuffix(b.name, ".k8s.local") {
		return nil
	}
	if b.lb == nil {
		// Without a load balancer, kOps publishes the control planes'
		// addresses from inside the cluster (dns-controller); until then
		// the record holds a placeholder.
		return nil
	}
	private := dnsType == api.DNSPrivate
	zone := &dnsZoneTask{Name: b.dnsZoneName(), Cluster: b.name, Private: private, VPC: b.vpc, Tags: b.tags("")}
	b.m.add(zone, &dnsNameTask{Name: "api." + b.name, Zone: zone, Type: "A", Target: b.lb})
	return nil
}

// apiEndpoint is the name nodes reach the API at: the API record when
// DNS publishes one, else the load balancer's DNS name ("").
func (b *builder) apiEndpoint() string {
	dnsType := b.c.Spec.DNSType()
	if (dnsType == api.DNSPublic || dnsType == api.DNSPrivate) && !strings.HasSuffix(b.name, ".k8s.local") {
		return "api." + b.name
	}
	return ""
}

func (b *builder) groups() error {
	for _, ig := range b.spec.Groups {
		if ig.IsKarpenter() {
			continue
		}
		if err := b.instanceGroup(ig); err != nil {
			return fmt.Errorf("instance group %s: %w", ig.Name(), err)
		}
	}
	return nil
}

func (b *builder) instanceGroup(ig *api.InstanceGroup) error {
	s := &ig.Spec
	short, roleTags := "nodes", map[string]string{TagRoleNode: "1"}
	name := asgName(b.name, ig)
	rootSize := int32(128)
	switch {
	case ig.IsControlPlane() || s.Role == api.RoleAPIServer:
		short, roleTags = "masters", map[string]string{TagRoleControlPlane: "1", TagRoleMaster: "1"}
		rootSize = 64
	case s.Role == api.RoleBastion:
		short, roleTags = "bastion", map[string]string{TagRoleBastion: "1"}
		rootSize = 32
	}
	if s.RootVolumeSize != nil {
		rootSize = *s.RootVolumeSize
	}
	rootType := s.RootVolumeType
	if rootType == "" {
		rootType = "gp3"
	}
	if s.Image == "" || s.MachineType == "" {
		return fmt.Errorf("needs spec.image and spec.machineType")
	}
	var subnets []*subnetTask
	public := false
	for _, sn := range s.Subnets {
		st := b.subnets[sn]
		if st == nil {
			return fmt.Errorf("subnet %q is not one of the cluster's", sn)
		}
		subnets = append(subnets, st)
		if sub := b.c.Spec.Subnet(sn); sub.Type != api.SubnetPrivate {
			public = true
		}
	}
	if len(subnets) == 0 {
		return fmt.Errorf("has no subnets")
	}
	if s.AssociatePublicIP != nil {
		public = *s.AssociatePublicIP
	}
	profileKey := short
	if short == "bastion" {
		profileKey = "bastions"
	}
	instanceTags := b.tags(name, roleTags, ig.Spec.CloudLabels, map[string]string{TagInstanceGroup: ig.Name()})
	for _, k := range slices.Sorted(maps.Keys(s.NodeLabels)) {
		instanceTags["k8s.io/cluster-autoscaler/node-template/label/"+k] = s.NodeLabels[k]
	}
	lt := &launchTemplateTask{
		Name: name, Cluster: b.name, Image: s.Image, InstanceType: s.MachineType,
		RootVolumeSize: rootSize, RootVolumeType: rootType, RootVolumeEncrypted: s.RootVolumeEncryption == nil || *s.RootVolumeEncryption,
		SecurityGroups: []*securityGroupTask{b.sgs[short]}, InstanceProfile: b.roles[profileKey], SSHKey: b.sshKey,
		AssociatePublicIP: public, APIEndpoint: b.apiEndpoint(), Tags: b.tags(name), InstanceTags: instanceTags,
	}
	if b.c.Spec.SSHKeyName != nil {
		lt.KeyName = *b.c.Spec.SSHKeyName
	}
	if lt.APIEndpoint == "" {
		if b.lb == nil {
			return fmt.Errorf("the cluster has neither DNS for the API nor an API load balancer: nodes could not find the API")
		}
		lt.LB = b.lb
	}
	if b.spec.UserData != nil {
		lt.UserData = func(endpoint string) ([]byte, error) { return b.spec.UserData(ig, endpoint) }
	}
	min, max := int32(1), int32(1)
	if s.MinSize != nil {
		min = *s.MinSize
	}
	if s.MaxSize != nil {
		max = *s.MaxSize
	}
	asg := &autoscalingGroupTask{Name: name, Cluster: b.name, Template: lt, MinSize: min, MaxSize: max, Subnets: subnets, Tags: instanceTags}
	if b.tg != nil && (ig.IsControlPlane() || s.Role == api.RoleAPIServer) {
		asg.TargetGroups = []*targetGroupTask{b.tg}
	}
	b.m.add(lt, asg)
	return nil
}
