package com.quotaledger.recipient;

import java.util.Arrays;

/**
 * Unsigned LEB128 varints: seven bits a byte, low bits first, the high bit set on every byte but the last. Small
 * numbers, which most of a rolling window's times and counts are once stored as differences, take one byte.
 */
final class Leb128 {

    /** A long needs at most ten bytes of seven bits. */
    static final int MAX_BYTES_PER_VALUE = 10;

    private Leb128() {
    }

    /** Maps a signed value to an unsigned one that stays small when the value is small either way. */
    static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unZigZag(long encoded) {
        return (encoded >>> 1) ^ -(encoded & 1);
    }

    /** A growable byte buffer that values are appended to. */
    static final class Writer {

        private byte[] bytes;
        private int length;

        Writer(int expectedBytes) {
            bytes = new byte[Math.max(16, expectedBytes)];
        }

        /** Appends {@code value} read as an unsigned 64-bit number. */
        void write(long value) {
            if (bytes.length - length < MAX_BYTES_PER_VALUE) {
                int doubled = (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L);
                bytes = Arrays.copyOf(bytes, Math.max(doubled, length + MAX_BYTES_PER_VALUE));
            }
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes[length++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            bytes[length++] = (byte) rest;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /**
     * Reads values back, refusing input that a {@link Writer} could not have written: a value cut off at the end, or
     * longer than a long.
     */
    static final class Reader {

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        /** The next value as an unsigned 64-bit number. */
        long read() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position == bytes.length) {
                    throw new IllegalArgumentException("a varint runs past the end of the input");
                }
                byte next = bytes[position++];
                long bits = next & 0x7FL;
                if (shift == 63 && bits > 1) {
                    throw new IllegalArgumentException("a varint is larger than 64 bits");
                }
                value |= bits << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a varint is longer than " + MAX_BYTES_PER_VALUE + " bytes");
        }

        /** The next value, which must fit a non-negative long: a count or a difference of times. */
        long readNonNegative() {
            long value = read();
            if (value < 0) {
                throw new IllegalArgumentException("a count or time difference exceeds a long: "
                        + Long.toUnsignedString(value));
            }
            return value;
        }

        int remaining() {
            return bytes.length - position;
        }
    }
}
