package create

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"net/netip"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// AssignSubnetCIDRs gives every subnet of spec that has no CIDR one carved
// from spec.networkCIDR, as kOps does: the network is split into the
// fewest equal power-of-two blocks that hold one block per Public, Private
// or DualStack subnet plus, when there are Utility subnets, one more — the
// first — which is split again into at least eight blocks for them. Blocks
// that overlap a subnet with a CIDR are skipped. A Private subnet with an
// IPv6 CIDR is IPv6-only: it counts, but gets no IPv4 block.
func AssignSubnetCIDRs(spec *api.ClusterSpec) error {
	network, err := netip.ParsePrefix(spec.NetworkCIDR)
	if err != nil || !network.Addr().Is4() {
		return fmt.Errorf("networkCIDR %q is not an IPv4 CIDR", spec.NetworkCIDR)
	}
	network = network.Masked()
	var big, little []*api.Subnet
	var reserved []netip.Prefix
	for i := range spec.Subnets {
		s := &spec.Subnets[i]
		if s.CIDR != "" {
			if p, err := netip.ParsePrefix(s.CIDR); err == nil {
				reserved = append(reserved, p.Masked())
			}
			continue
		}
		switch s.Type {
		case api.SubnetPublic, api.SubnetPrivate, api.SubnetDualStack:
			big = append(big, s)
		case api.SubnetUtility:
			little = append(little, s)
		}
	}
	if len(big)+len(little) == 0 {
		return nil
	}
	count := len(big)
	if len(little) > 0 {
		count++
	}
	blocks, err := split(network, bitsFor(count))
	if err != nil {
		return err
	}
	free := withoutOverlaps(blocks, reserved)
	tooSmall := fmt.Errorf("networkCIDR %s has no room left for %d more subnets; use a larger one", network, len(big)+len(little))
	if len(little) > 0 {
		if len(free) == 0 {
			return tooSmall
		}
		smaller, err := split(free[0], max(3, bitsFor(len(little))))
		if err != nil {
			return err
		}
		free = free[1:]
		littleFree := withoutOverlaps(smaller, reserved)
		for _, s := range little {
			if len(littleFree) == 0 {
				return tooSmall
			}
			s.CIDR, littleFree = littleFree[0].String(), littleFree[1:]
		}
	}
	for _, s := range big {
		if s.Type == api.SubnetPrivate && s.IPv6CIDR != "" {
			continue
		}
		if len(free) == 0 {
			return tooSmall
		}
		s.CIDR, free = free[0].String(), free[1:]
	}
	return nil
}

// bitsFor returns the number of bits that count n things: ⌈log2 n⌉.
func bitsFor(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}

// split divides the IPv4 prefix p into 2^extra equal blocks, in order.
func split(p netip.Prefix, extra int) ([]netip.Prefix, error) {
	length := p.Bits() + extra
	if length > 32 {
		return nil, fmt.Errorf("%s is too small to split into %d subnets", p, 1<<extra)
	}
	a := p.Addr().As4()
	base := binary.BigEndian.Uint32(a[:])
	size := uint32(1) << (32 - length)
	out := make([]netip.Prefix, 0, 1<<extra)
	for i := range uint32(1) << extra {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], base+i*size)
		out = append(out, netip.PrefixFrom(netip.AddrFrom4(b), length))
	}
	return out, nil
}

func withoutOverlaps(blocks, taken []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for _, b := range blocks {
		free := true
		for _, t := range taken {
			if b.Overlaps(t) {
				free = false
				break
			}
		}
		if free {
			out = append(out, b)
		}
	}
	return out
}
