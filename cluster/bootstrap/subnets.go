package bootstrap

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// defaultNonMasqueradeCIDR is kOps' spec.nonMasqueradeCIDR by default.
const defaultNonMasqueradeCIDR = "100.64.0.0/10"

// subnets are the cluster's pod and service subnets.
type subnets struct {
	pods, services string
}

// clusterSubnets returns the pod and service subnets as kOps works them
// out: spec.podCIDR (or spec.kubeControllerManager.clusterCIDR) and
// spec.serviceClusterIPRange when set, else carved from the IPv4
// nonMasqueradeCIDR (100.64.0.0/10 by default): pods get its upper half
// (100.96.0.0/11), services the first eighth (100.64.0.0/13).
func clusterSubnets(spec *api.ClusterSpec) (subnets, error) {
	var n subnets
	if _, err := spec.Extra.Get("podCIDR", &n.pods); err != nil {
		return n, fmt.Errorf("spec.podCIDR: %w", err)
	}
	if n.pods == "" {
		n.pods, _ = spec.KubeControllerManager["clusterCIDR"].(string)
	}
	if _, err := spec.Extra.Get("serviceClusterIPRange", &n.services); err != nil {
		return n, fmt.Errorf("spec.serviceClusterIPRange: %w", err)
	}
	if n.pods != "" && n.services != "" {
		return n, checkPrefixes(n)
	}
	nm := spec.NonMasqueradeCIDR
	if nm == "" {
		nm = defaultNonMasqueradeCIDR
	}
	p, err := netip.ParsePrefix(nm)
	if err != nil || !p.Addr().Is4() || p.Bits() > 24 {
		return n, fmt.Errorf("spec.nonMasqueradeCIDR %q is not an IPv4 CIDR of /24 or larger to carve the pod and service subnets from; set spec.podCIDR and spec.serviceClusterIPRange", nm)
	}
	p = p.Masked()
	base := p.Addr().As4()
	if n.services == "" {
		n.services = netip.PrefixFrom(p.Addr(), p.Bits()+3).String()
	}
	if n.pods == "" {
		upper := binary.BigEndian.Uint32(base[:]) | 1<<(31-p.Bits())
		var a [4]byte
		binary.BigEndian.PutUint32(a[:], upper)
		n.pods = netip.PrefixFrom(netip.AddrFrom4(a), p.Bits()+1).String()
	}
	return n, checkPrefixes(n)
}

func checkPrefixes(n subnets) error {
	for _, c := range []struct{ what, cidr string }{{"pod subnet", n.pods}, {"service subnet", n.services}} {
		if _, err := netip.ParsePrefix(c.cidr); err != nil {
			return fmt.Errorf("%s %q is not a CIDR", c.what, c.cidr)
		}
	}
	return nil
}
