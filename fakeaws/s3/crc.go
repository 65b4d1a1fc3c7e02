package s3

import (
	"encoding/binary"
	"hash/crc32"
	"hash/crc64"
)

// crcSpec describes a reflected CRC with all-ones init and final xor
// (CRC32, CRC32C, CRC64NVME): enough to combine the CRCs of two
// concatenated byte strings without reading them again, as a
// FULL_OBJECT checksum of a multipart upload needs.
type crcSpec struct {
	width int    // bits: 32 or 64
	poly  uint64 // reversed polynomial
}

const crc64NVMEPoly = 0x9a6c9329ac4bc9b5

var (
	crc32Spec     = crcSpec{32, crc32.IEEE}
	crc32cSpec    = crcSpec{32, crc32.Castagnoli}
	crc64NVMESpec = crcSpec{64, crc64NVMEPoly}

	crc32cTable    = crc32.MakeTable(crc32.Castagnoli)
	crc64NVMETable = crc64.MakeTable(crc64NVMEPoly)
)

// gf2Times multiplies the GF(2) matrix mat by vec.
func gf2Times(mat []uint64, vec uint64) uint64 {
	var sum uint64
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat []uint64) {
	for n := range mat {
		square[n] = gf2Times(mat, mat[n])
	}
}

// combine returns the CRC of A‖B from crc1 = CRC(A), crc2 = CRC(B) and
// len2 = len(B), as zlib's crc32_combine does.
func (c crcSpec) combine(crc1, crc2 uint64, len2 int64) uint64 {
	if len2 <= 0 {
		return crc1
	}
	even := make([]uint64, c.width)
	odd := make([]uint64, c.width)
	odd[0] = c.poly // the operator for one zero bit
	row := uint64(1)
	for n := 1; n < c.width; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(even, odd) // two zero bits
	gf2Square(odd, even) // four zero bits
	for {
		gf2Square(even, odd) // first pass: one zero byte
		if len2&1 != 0 {
			crc1 = gf2Times(even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(odd, even)
		if len2&1 != 0 {
			crc1 = gf2Times(odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

// crcValue reads a big-endian CRC checksum as AWS encodes it.
func (c crcSpec) value(raw []byte) uint64 {
	if c.width == 32 {
		return uint64(binary.BigEndian.Uint32(raw))
	}
	return binary.BigEndian.Uint64(raw)
}

func (c crcSpec) bytes(v uint64) []byte {
	if c.width == 32 {
		return binary.BigEndian.AppendUint32(nil, uint32(v))
	}
	return binary.BigEndian.AppendUint64(nil, v)
}
