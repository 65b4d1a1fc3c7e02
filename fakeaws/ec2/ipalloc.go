package ec2

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Private addresses of a subnet are allocated to their owners (network
// interfaces) in the store, under ips/SUBNET, keyed by the address as 8
// hex digits so that scans run in address order. AWS reserves the first
// four addresses and the last one of every subnet.

const ipKind = "ips"

func ipKey(a netip.Addr) string {
	b := a.As4()
	return fmt.Sprintf("%08x", binary.BigEndian.Uint32(b[:]))
}

func addrOf(n uint32) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], n)
	return netip.AddrFrom4(b)
}

func addrNum(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

// usableRange is the first and last address a subnet hands out.
func usableRange(pfx netip.Prefix) (first, last uint32) {
	base := addrNum(pfx.Masked().Addr())
	size := uint32(1) << (32 - pfx.Bits())
	return base + 4, base + size - 2
}

// subnetSize is the number of addresses of a subnet's CIDR less the five
// AWS reserves.
func subnetSize(cidr string) int {
	pfx, err := netip.ParsePrefix(cidr)
	if err != nil {
		return 0
	}
	return 1<<(32-pfx.Bits()) - 5
}

func ipBucket(tx *store.Tx, sc scope, subnetID string) *store.Bucket {
	return sc.bucket(tx, ipKind).Sub(subnetID)
}

// allocateIP gives owner an address of the subnet: want when it is not
// empty, else the lowest free one. The subnet's count of used addresses
// is updated and stored.
func (s *Service) allocateIP(tx *store.Tx, sc scope, sub *subnet, owner, want string) (string, error) {
	pfx, err := netip.ParsePrefix(sub.CidrBlock)
	if err != nil {
		return "", fmt.Errorf("ec2: subnet %s has a bad CIDR %q: %w", sub.ID, sub.CidrBlock, err)
	}
	first, last := usableRange(pfx)
	b := ipBucket(tx, sc, sub.ID)
	var addr uint32
	if want != "" {
		a, err := netip.ParseAddr(want)
		if err != nil || !a.Is4() {
			return "", invalidParameterValue("Value (%s) for parameter privateIpAddress is invalid. This is not a valid IP address.", want)
		}
		if !pfx.Contains(a) {
			return "", invalidParameterValue("Address %s does not fall within the subnet's address range", want)
		}
		addr = addrNum(a)
		if addr < first || addr > last {
			return "", invalidParameterValue("Address %s is in subnet's reserved address range", want)
		}
		if b.Has(ipKey(a)) {
			return "", awsapi.BadRequest("InvalidIPAddress.InUse", "Address %s is in use.", want)
		}
	} else {
		cand := first
		err := b.Scan("", "", func(k string, _ []byte) (bool, error) {
			n, err := strconv.ParseUint(k, 16, 32)
			if err != nil {
				return true, nil
			}
			switch {
			case uint32(n) < cand:
				return true, nil
			case uint32(n) == cand:
				cand++
				return true, nil
			}
			return false, nil
		})
		if err != nil {
			return "", err
		}
		if cand > last || cand < first {
			return "", awsapi.BadRequest("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '%s' to satisfy the requested number of instances.", sub.ID)
		}
		addr = cand
	}
	ip := addrOf(addr)
	if err := b.Put(ipKey(ip), owner); err != nil {
		return "", err
	}
	sub.Used++
	return ip.String(), subnets.put(tx, sc, sub)
}

// releaseIP frees an address of the subnet; freeing a free one does nothing.
func (s *Service) releaseIP(tx *store.Tx, sc scope, sub *subnet, ip string) error {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return nil
	}
	b := ipBucket(tx, sc, sub.ID)
	if !b.Has(ipKey(a)) {
		return nil
	}
	if err := b.Delete(ipKey(a)); err != nil {
		return err
	}
	if sub.Used > 0 {
		sub.Used--
	}
	return subnets.put(tx, sc, sub)
}
