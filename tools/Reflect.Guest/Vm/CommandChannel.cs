// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Reflect.Guest.Vm;

/// <summary>What a command printed in the guest and how it exited.</summary>
public sealed record GuestResult(int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// The host end of the command channel: a QEMU virtio-serial port exposed as a Unix socket.
/// The wire format is documented in the guest's agent script (Vm/guest/agent). One command at a
/// time.
/// </summary>
public sealed class CommandChannel : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _nextId = 1;

    private CommandChannel(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<CommandChannel> ConnectAsync(string socketPath, Func<bool> stillRunning, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!stillRunning())
            {
                throw new GuestFailedException("QEMU exited before its command channel came up");
            }

            if (File.Exists(socketPath))
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new CommandChannel(socket);
                }
                catch (SocketException)
                {
                    socket.Dispose();
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits for the agent's "READY &lt;release&gt;" line and returns the release.</summary>
    public async Task<string> WaitReadyAsync(CancellationToken cancellationToken)
    {
        string line = await ReadLineAsync(cancellationToken);
        if (!line.StartsWith("READY ", StringComparison.Ordinal))
        {
            throw new GuestFailedException($"unexpected first line from the guest agent: '{line}'");
        }

        return line["READY ".Length..];
    }

    /// <param name="timeout">The guest's own limit, in the guest's time.</param>
    /// <param name="hostLimit">How long the host waits for the answer before it calls the guest hung.</param>
    public async Task<GuestResult> RunAsync(string script, TimeSpan timeout, TimeSpan hostLimit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            int id = _nextId++;
            var started = System.Diagnostics.Stopwatch.StartNew();
            byte[] body = Encoding.UTF8.GetBytes(script);
            int seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
            await _stream.WriteAsync(Encoding.ASCII.GetBytes($"{id} {seconds} {body.Length}\n"), cancellationToken);
            await _stream.WriteAsync(body, cancellationToken);

            // The guest enforces the timeout itself; the host treats silence beyond its own limit
            // as a hang.
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            hang.CancelAfter(hostLimit);
            try
            {
                string[] header = (await ReadLineAsync(hang.Token)).Split(' ');
                if (header.Length != 4 || header[0] != "R" || header[1] != id.ToString(CultureInfo.InvariantCulture))
                {
                    throw new GuestFailedException($"malformed reply header from the guest agent: '{string.Join(' ', header)}'");
                }

                byte[] output = await ReadExactlyAsync(int.Parse(header[3], CultureInfo.InvariantCulture), hang.Token);
                return new GuestResult(int.Parse(header[2], CultureInfo.InvariantCulture), Encoding.UTF8.GetString(output), started.Elapsed);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GuestFailedException($"the guest did not answer within {hostLimit}: hung");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        byte[] one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new GuestFailedException("the guest closed the command channel");
            }

            if (one[0] == '\n')
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add(one[0]);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[length];
        try
        {
            await _stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new GuestFailedException("the guest closed the command channel in the middle of a reply");
        }

        return buffer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
        _gate.Dispose();
    }
}

/// <summary>The guest died, hung, or its kernel reported trouble. The message names the console log.</summary>
public sealed class GuestFailedException(string message) : Exception(message);
