package create

import (
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

func TestAssignSubnetCIDRs(t *testing.T) {
	sub := func(name, typ, cidr string) api.Subnet { return api.Subnet{Name: name, Type: typ, CIDR: cidr} }
	for _, tc := range []struct {
		name    string
		network string
		subnets []api.Subnet
		want    string // the CIDRs, in order
		wantErr string
	}{
		{"one public zone takes it all", "172.20.0.0/16", []api.Subnet{sub("a", "Public", "")}, "172.20.0.0/16", ""},
		{"two public zones", "172.20.0.0/16", []api.Subnet{sub("a", "Public", ""), sub("b", "Public", "")},
			"172.20.0.0/17 172.20.128.0/17", ""},
		{"five public zones", "10.0.0.0/16", []api.Subnet{sub("a", "Public", ""), sub("b", "Public", ""),
			sub("c", "Public", ""), sub("d", "Public", ""), sub("e", "Public", "")},
			"10.0.0.0/19 10.0.32.0/19 10.0.64.0/19 10.0.96.0/19 10.0.128.0/19", ""},
		{"private, one zone", "172.20.0.0/16", []api.Subnet{sub("a", "Private", ""), sub("u-a", "Utility", "")},
			"172.20.128.0/17 172.20.0.0/20", ""},
		{"private, three zones", "172.20.0.0/16", []api.Subnet{sub("a", "Private", ""), sub("b", "Private", ""),
			sub("c", "Private", ""), sub("u-a", "Utility", ""), sub("u-b", "Utility", ""), sub("u-c", "Utility", "")},
			"172.20.64.0/18 172.20.128.0/18 172.20.192.0/18 172.20.0.0/21 172.20.8.0/21 172.20.16.0/21", ""},
		// Two /17 blocks: the first overlaps x, so b finds no room.
		{"blocks taken by given CIDRs are skipped", "172.20.0.0/16", []api.Subnet{sub("x", "Public", "172.20.0.0/20"),
			sub("a", "Public", ""), sub("b", "Public", "")},
			"172.20.0.0/20 172.20.128.0/17 <none>", "networkCIDR 172.20.0.0/16 has no room left for 2 more subnets; use a larger one"},
		{"IPv6-only private subnets get no IPv4", "172.20.0.0/16", []api.Subnet{
			{Name: "a", Type: "Private", IPv6CIDR: "/64#0"}, {Name: "d", Type: "DualStack"}, {Name: "u", Type: "Utility"}},
			"<none> 172.20.64.0/18 172.20.0.0/21", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := &api.ClusterSpec{NetworkCIDR: tc.network, Subnets: tc.subnets}
			err := AssignSubnetCIDRs(spec)
			var got []string
			for _, s := range spec.Subnets {
				got = append(got, orDefault(s.CIDR, "<none>"))
			}
			if (err != nil || tc.wantErr != "") && (err == nil || err.Error() != tc.wantErr) {
				t.Errorf("err = %v, want %q", err, tc.wantErr)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("CIDRs %s\n          want %s", strings.Join(got, " "), tc.want)
			}
		})
	}
	if err := AssignSubnetCIDRs(&api.ClusterSpec{NetworkCIDR: "fd00::/64"}); err == nil ||
		err.Error() != `networkCIDR "fd00::/64" is not an IPv4 CIDR` {
		t.Errorf("IPv6 network: %v", err)
	}
}
