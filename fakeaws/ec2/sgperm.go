package ec2

import (
	"net/netip"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// permission is one IpPermission as sent: a protocol and port range and
// its peers.
type permission struct {
	protocol string
	from, to int
	peers    []peer
}

type peer struct {
	cidr4, cidr6, prefixList string
	groupID, groupName, user string
	description              string
}

// parsePermissions reads IpPermissions.N, or the old flat form
// (IpProtocol, FromPort, ToPort, CidrIp, SourceSecurityGroupName).
func parsePermissions(p awsapi.Params) ([]permission, error) {
	var out []permission
	for _, ip := range p.Structs("IpPermissions") {
		var peers []peer
		for _, r := range ip.Structs("IpRanges") {
			peers = append(peers, peer{cidr4: r.Get("CidrIp"), description: r.Get("Description")})
		}
		for _, r := range ip.Structs("Ipv6Ranges") {
			peers = append(peers, peer{cidr6: r.Get("CidrIpv6"), description: r.Get("Description")})
		}
		for _, r := range ip.Structs("PrefixListIds") {
			peers = append(peers, peer{prefixList: r.Get("PrefixListId"), description: r.Get("Description")})
		}
		for _, r := range ip.Structs("Groups") {
			peers = append(peers, peer{groupID: r.Get("GroupId"), groupName: r.Get("GroupName"), user: r.Get("UserId"), description: r.Get("Description")})
		}
		perm, err := newPermission(ip.Get("IpProtocol"), ip.Get("FromPort"), ip.Get("ToPort"), peers)
		if err != nil {
			return nil, err
		}
		out = append(out, perm)
	}
	if proto := p.Get("IpProtocol"); proto != "" || p.Get("CidrIp") != "" || p.Get("SourceSecurityGroupName") != "" {
		var peers []peer
		if c := p.Get("CidrIp"); c != "" {
			peers = append(peers, peer{cidr4: c})
		}
		if n := p.Get("SourceSecurityGroupName"); n != "" {
			peers = append(peers, peer{groupName: n, user: p.Get("SourceSecurityGroupOwnerId")})
		}
		if proto == "" {
			proto = "-1"
		}
		perm, err := newPermission(proto, p.Get("FromPort"), p.Get("ToPort"), peers)
		if err != nil {
			return nil, err
		}
		out = append(out, perm)
	}
	if len(out) == 0 {
		return nil, missingParameter("IpPermissions")
	}
	return out, nil
}

func normProtocol(p string) (string, error) {
	switch strings.ToLower(p) {
	case "tcp", "6":
		return "tcp", nil
	case "udp", "17":
		return "udp", nil
	case "icmp", "1":
		return "icmp", nil
	case "icmpv6", "58":
		return "icmpv6", nil
	case "-1", "all":
		return "-1", nil
	}
	if n, ok := atoi(p); ok && n >= 0 && n <= 255 {
		return p, nil
	}
	return "", invalidParameterValue("Invalid value '%s' for IP protocol. Unknown protocol.", p)
}

func newPermission(proto, fromS, toS string, peers []peer) (permission, error) {
	if proto == "" {
		return permission{}, missingParameter("IpPermissions.IpProtocol")
	}
	proto, err := normProtocol(proto)
	if err != nil {
		return permission{}, err
	}
	if len(peers) == 0 {
		return permission{}, invalidParameterValue("No IP ranges, IPv6 ranges, prefix lists or security groups specified for protocol %s", proto)
	}
	perm := permission{protocol: proto, from: -1, to: -1, peers: peers}
	port := func(s string) (int, bool) {
		if s == "" {
			return -1, false
		}
		n, ok := atoi(s)
		return n, ok
	}
	from, hasFrom := port(fromS)
	to, hasTo := port(toS)
	switch proto {
	case "tcp", "udp":
		if !hasFrom || !hasTo {
			return permission{}, invalidParameterValue("Invalid value 'null' for portRange. Must specify both from and to ports with TCP/UDP.")
		}
		if from < 0 || to > 65535 || from > to {
			return permission{}, invalidParameterValue("Invalid TCP/UDP port range: %s-%s. Ports go from 0 to 65535, from port first.", fromS, toS)
		}
		perm.from, perm.to = from, to
	case "icmp", "icmpv6":
		if hasFrom {
			perm.from = from
		}
		if hasTo {
			perm.to = to
		}
		if perm.from < -1 || perm.from > 255 || perm.to < -1 || perm.to > 255 {
			return permission{}, invalidParameterValue("Invalid value for ICMP type/code: %s/%s", fromS, toS)
		}
	}
	return perm, nil
}

// rulesFor expands permissions into rules of g, checking their peers.
func (s *Service) rulesFor(tx *store.Tx, sc scope, g *securityGroup, egress bool, perms []permission) ([]*sgRule, error) {
	var out []*sgRule
	for _, perm := range perms {
		for _, pr := range perm.peers {
			r := &sgRule{GroupID: g.ID, Egress: egress, Protocol: perm.protocol, From: perm.from, To: perm.to, Description: pr.description}
			switch {
			case pr.cidr4 != "":
				if pfx, err := netip.ParsePrefix(pr.cidr4); err != nil || !pfx.Addr().Is4() {
					return nil, invalidParameterValue("CIDR block %s is malformed", pr.cidr4)
				}
				r.CidrIPv4 = pr.cidr4
			case pr.cidr6 != "":
				if pfx, err := netip.ParsePrefix(pr.cidr6); err != nil || !pfx.Addr().Is6() {
					return nil, invalidParameterValue("CIDR block %s is malformed", pr.cidr6)
				}
				r.CidrIPv6 = pr.cidr6
			case pr.prefixList != "":
				r.PrefixListID = pr.prefixList
			default:
				ref, err := s.peerGroup(tx, sc, g, pr)
				if err != nil {
					return nil, err
				}
				r.RefGroupID, r.RefUserID = ref, sc.account
				if pr.user != "" {
					r.RefUserID = pr.user
				}
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// peerGroup resolves a group peer to an ID: a group of the account in the
// same VPC, or a group of another account taken on trust.
func (s *Service) peerGroup(tx *store.Tx, sc scope, g *securityGroup, pr peer) (string, error) {
	if pr.user != "" && pr.user != sc.account {
		if pr.groupID == "" {
			return "", missingParameter("GroupId")
		}
		return pr.groupID, nil
	}
	if pr.groupID != "" {
		ref, err := securityGroups.get(tx, sc, pr.groupID)
		if err != nil {
			return "", err
		}
		if ref.VpcID != g.VpcID {
			return "", awsapi.BadRequest("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.")
		}
		return ref.ID, nil
	}
	if pr.groupName == "" {
		return "", missingParameter("GroupId")
	}
	found, err := securityGroups.all(tx, sc, func(o *securityGroup) bool { return o.VpcID == g.VpcID && o.Name == pr.groupName })
	if err != nil {
		return "", err
	}
	if len(found) == 0 {
		return "", awsapi.BadRequest("InvalidGroup.NotFound", "The security group '%s' does not exist", pr.groupName)
	}
	return found[0].ID, nil
}
