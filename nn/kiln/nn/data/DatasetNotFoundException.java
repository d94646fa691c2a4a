package kiln.nn.data;

import java.nio.file.Path;
import java.util.List;

/** A dataset's files were found in none of the places searched; the message lists them and how to get the files. */
public final class DatasetNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient List<Path> searched;

    DatasetNotFoundException(String message, List<Path> searched) {
        super(message);
        this.searched = List.copyOf(searched);
    }

    /** The files and folders tried, in order. */
    public List<Path> searched() {
        return searched;
    }
}
