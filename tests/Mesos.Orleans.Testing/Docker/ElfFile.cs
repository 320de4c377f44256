using System.Buffers.Binary;

namespace Mesos.Orleans.Testing.Docker;

/// <summary>Tells a statically linked 64-bit ELF executable (one that runs in an empty image) from a dynamic one.</summary>
public static class ElfFile
{
    private const uint ProgramInterpreter = 3; // PT_INTERP: the executable needs a dynamic loader

    /// <summary>True when <paramref name="path"/> is a 64-bit little-endian ELF file without a program interpreter.</summary>
    public static bool IsStatic(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F' || bytes[4] != 2 || bytes[5] != 1)
        {
            return false;
        }

        var programHeaders = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        for (var i = 0; i < count; i++)
        {
            var offset = programHeaders + (i * entrySize);
            if (offset + 4 > bytes.Length)
            {
                return false;
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)) == ProgramInterpreter)
            {
                return false;
            }
        }

        return true;
    }
}
