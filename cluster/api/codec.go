package api

// The JSON codec of every struct that keeps its unmodelled members in
// Extra: decodeObject and encodeObject do the work; each type below only
// names the field-only copy of itself they operate on (a defined type
// without these methods, so encoding/json does not recurse into them).

type (
	objectMetaFields           ObjectMeta
	clusterFields              Cluster
	clusterSpecFields          ClusterSpec
	subnetFields               Subnet
	topologyFields             Topology
	dnsTopologyFields          DNSTopology
	bastionFields              Bastion
	apiFields                  API
	apiDNSFields               APIDNS
	loadBalancerFields         LoadBalancer
	iamFields                  IAM
	rollingUpdateFields        RollingUpdate
	etcdClusterFields          EtcdCluster
	etcdMemberFields           EtcdMember
	instanceGroupFields        InstanceGroup
	instanceGroupSpecFields    InstanceGroupSpec
	mixedInstancesPolicyFields MixedInstancesPolicy
)

// MarshalJSON writes the modelled fields and the kept ones.
func (c Cluster) MarshalJSON() ([]byte, error) { return encodeObject(clusterFields(c), c.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (c *Cluster) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*clusterFields)(c), &c.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (s ClusterSpec) MarshalJSON() ([]byte, error) {
	return encodeObject(clusterSpecFields(s), s.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (s *ClusterSpec) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*clusterSpecFields)(s), &s.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (s Subnet) MarshalJSON() ([]byte, error) { return encodeObject(subnetFields(s), s.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (s *Subnet) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*subnetFields)(s), &s.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (t Topology) MarshalJSON() ([]byte, error) { return encodeObject(topologyFields(t), t.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (t *Topology) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*topologyFields)(t), &t.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (d DNSTopology) MarshalJSON() ([]byte, error) {
	return encodeObject(dnsTopologyFields(d), d.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (d *DNSTopology) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*dnsTopologyFields)(d), &d.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (b Bastion) MarshalJSON() ([]byte, error) { return encodeObject(bastionFields(b), b.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (b *Bastion) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*bastionFields)(b), &b.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (a API) MarshalJSON() ([]byte, error) { return encodeObject(apiFields(a), a.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (a *API) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*apiFields)(a), &a.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (a APIDNS) MarshalJSON() ([]byte, error) { return encodeObject(apiDNSFields(a), a.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (a *APIDNS) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*apiDNSFields)(a), &a.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (l LoadBalancer) MarshalJSON() ([]byte, error) {
	return encodeObject(loadBalancerFields(l), l.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (l *LoadBalancer) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*loadBalancerFields)(l), &l.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (i IAM) MarshalJSON() ([]byte, error) { return encodeObject(iamFields(i), i.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (i *IAM) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*iamFields)(i), &i.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (ru RollingUpdate) MarshalJSON() ([]byte, error) {
	return encodeObject(rollingUpdateFields(ru), ru.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (ru *RollingUpdate) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*rollingUpdateFields)(ru), &ru.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (e EtcdCluster) MarshalJSON() ([]byte, error) {
	return encodeObject(etcdClusterFields(e), e.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (e *EtcdCluster) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*etcdClusterFields)(e), &e.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (e EtcdMember) MarshalJSON() ([]byte, error) { return encodeObject(etcdMemberFields(e), e.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (e *EtcdMember) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*etcdMemberFields)(e), &e.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (ig InstanceGroup) MarshalJSON() ([]byte, error) {
	return encodeObject(instanceGroupFields(ig), ig.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (ig *InstanceGroup) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*instanceGroupFields)(ig), &ig.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (i InstanceGroupSpec) MarshalJSON() ([]byte, error) {
	return encodeObject(instanceGroupSpecFields(i), i.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (i *InstanceGroupSpec) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*instanceGroupSpecFields)(i), &i.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (m MixedInstancesPolicy) MarshalJSON() ([]byte, error) {
	return encodeObject(mixedInstancesPolicyFields(m), m.Extra)
}

// UnmarshalJSON reads the modelled fields and keeps the others.
func (m *MixedInstancesPolicy) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*mixedInstancesPolicyFields)(m), &m.Extra)
}

// MarshalJSON writes the modelled fields and the kept ones.
func (m ObjectMeta) MarshalJSON() ([]byte, error) { return encodeObject(objectMetaFields(m), m.Extra) }

// UnmarshalJSON reads the modelled fields and keeps the others.
func (m *ObjectMeta) UnmarshalJSON(data []byte) error {
	return decodeObject(data, (*objectMetaFields)(m), &m.Extra)
}
