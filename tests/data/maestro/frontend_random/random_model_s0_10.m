// random model file (seed 0, #10), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_10 {
	Layer L0 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 32, C: 8, R: 3, S: 3, Y: 3, X: 11 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 8, C: 32, R: 5, S: 5, Y: 7, X: 7 }
	}
	Layer L2 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 32, C: 3, R: 5, S: 5, Y: 23, X: 12 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 32, C: 64, R: 5, S: 5, Y: 9, X: 24 }
	}
	Layer L4 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 16, C: 16, R: 1, S: 1, Y: 22, X: 22 }
	}
}
