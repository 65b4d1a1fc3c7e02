package validation

import (
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

var dnsName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)

// cniProviders are the spec.networking members kOps knows.
var cniProviders = []string{
	"amazonvpc", "calico", "canal", "cilium", "cni", "external", "flannel", "gcp", "kindnet",
	"kopeio", "kubenet", "kuberouter",
}

func (v *validator) checkCluster() {
	c := v.cluster
	v.object = ""
	switch name := c.Metadata.Name; {
	case name == "":
		v.errorf("metadata.name", "required")
	case len(name) > 253 || !dnsName.MatchString(name):
		v.errorf("metadata.name", "%q is not a fully-qualified DNS name (such as k8s.example.com)", name)
	}
	s := &c.Spec
	switch s.CloudProvider {
	case api.CloudProviderAWS:
	case "":
		v.errorf("spec.cloudProvider", "required (aws)")
	default:
		v.errorf("spec.cloudProvider", "%s is not supported; drydock rehearses aws", s.CloudProvider)
	}
	v.checkVersion(s.KubernetesVersion)
	v.checkNetworking(s.Networking)
	v.checkNetwork()
	v.checkSubnets()
	v.checkAccess("spec.kubernetesApiAccess", s.KubernetesAPIAccess)
	v.checkAccess("spec.sshAccess", s.SSHAccess)
	if t := s.DNSType(); t != "" && t != api.DNSPublic && t != api.DNSPrivate && t != api.DNSNone {
		v.errorf("spec.topology.dns.type", "%q is not one of Public, Private, None", t)
	}
	if s.API != nil && s.API.LoadBalancer != nil {
		lb := s.API.LoadBalancer
		if lb.Type != api.LoadBalancerPublic && lb.Type != api.LoadBalancerInternal {
			v.errorf("spec.api.loadBalancer.type", "%q is not one of Public, Internal", lb.Type)
		}
		if lb.Class != "" && lb.Class != api.LoadBalancerNetwork && lb.Class != api.LoadBalancerClassic {
			v.errorf("spec.api.loadBalancer.class", "%q is not one of Network, Classic", lb.Class)
		}
	}
	v.checkEtcd()
	v.checkRollingUpdate("spec.rollingUpdate", s.RollingUpdate)
}

func (v *validator) checkVersion(s string) {
	const path = "spec.kubernetesVersion"
	if s == "" {
		v.errorf(path, "required")
		return
	}
	ver, err := api.ParseKubernetesVersion(s)
	switch {
	case err != nil:
		v.errorf(path, "%v", err)
	case ver.Major != 1 || ver.Minor < MinMinor || ver.Minor > MaxMinor:
		v.errorf(path, "%s is not supported; drydock supports 1.%d to 1.%d", s, MinMinor, MaxMinor)
	}
}

func (v *validator) checkNetworking(n api.Networking) {
	var known []string
	for _, p := range sortedKeys(n) {
		if !contains(cniProviders, p) {
			v.errorf("spec.networking."+p, "not a CNI provider kOps knows (%s)", strings.Join(cniProviders, ", "))
			continue
		}
		known = append(known, p)
	}
	switch {
	case len(n) == 0:
		v.errorf("spec.networking", "required: one CNI provider, such as cilium: {}")
	case len(known) > 1:
		v.errorf("spec.networking", "several CNI providers (%s); keep one", strings.Join(known, ", "))
	}
}

// checkNetwork checks the VPC's CIDRs and the pod network's.
func (v *validator) checkNetwork() {
	s := &v.cluster.Spec
	network, ok := v.ipv4("spec.networkCIDR", s.NetworkCIDR)
	for i, cidr := range s.AdditionalNetworkCIDRs {
		path := fmt.Sprintf("spec.additionalNetworkCIDRs[%d]", i)
		if p, pok := v.ipv4(path, cidr); pok && ok && p.Overlaps(network) {
			v.errorf(path, "%s overlaps networkCIDR %s", cidr, s.NetworkCIDR)
		}
	}
	if s.NonMasqueradeCIDR == "" {
		return
	}
	p, err := netip.ParsePrefix(s.NonMasqueradeCIDR)
	switch {
	case err != nil:
		v.errorf("spec.nonMasqueradeCIDR", "%q is not a CIDR", s.NonMasqueradeCIDR)
	// Except with the AWS VPC CNI, whose pods take VPC addresses: there the
	// non-masquerade CIDR is the VPC's.
	case ok && p.Addr().Is4() && p.Overlaps(network) && s.Networking.Provider() != "amazonvpc":
		v.errorf("spec.nonMasqueradeCIDR", "%s overlaps networkCIDR %s", s.NonMasqueradeCIDR, s.NetworkCIDR)
	}
}

// ipv4 parses an IPv4 CIDR, reporting it at path when it is none.
func (v *validator) ipv4(path, cidr string) (netip.Prefix, bool) {
	if cidr == "" {
		v.errorf(path, "required")
		return netip.Prefix{}, false
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		v.errorf(path, "%q is not an IPv4 CIDR", cidr)
		return netip.Prefix{}, false
	}
	if p.Masked() != p {
		v.errorf(path, "%s has host bits set; the network is %s", cidr, p.Masked())
	}
	return p.Masked(), true
}

// checkAccess checks a list of CIDRs (IPv4 or IPv6) or prefix lists.
func (v *validator) checkAccess(path string, list []string) {
	for i, s := range list {
		if strings.HasPrefix(s, "pl-") {
			continue
		}
		if _, err := netip.ParsePrefix(s); err != nil {
			v.errorf(fmt.Sprintf("%s[%d]", path, i), "%q is not a CIDR or a prefix list (pl-…)", s)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
